package org.cfcr.petitions.export;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SharedSecrets;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Where each export's watermark comes from: the refs' key (derived from the shared lookup key
 * "export-watermark", so every node writes and reads the same refs, and one that never rotates,
 * so a file leaked years later is still traced), the canary domains, and the book the canaries
 * are recorded in.
 */
@Singleton
class Watermarks {

    private final SharedSecrets secrets;
    private final ExportCanaries canaries;
    private final List<String> domains;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile ExportRefs refs;

    Watermarks(SharedSecrets secrets, ExportCanaries canaries, ExportSettings settings, Clock clock) {
        this.secrets = secrets;
        this.canaries = canaries;
        this.domains = settings.canaryDomains().stream().map(domain -> domain.strip().toLowerCase(Locale.ROOT))
                .filter(domain -> !domain.isEmpty()).toList();
        this.clock = clock;
        if (domains.isEmpty()) {
            throw new IllegalStateException("petitions.exports.canary-domains (EXPORT_CANARY_DOMAINS) names no domain");
        }
    }

    /** The watermark of an export about to be written. */
    ExportWatermark of(long recordId, ExportFilters filters) {
        return new ExportWatermark(recordId, refs().writer(recordId), canaries, random, domains, filters,
                Instant.now(clock));
    }

    ExportRefs refs() {
        ExportRefs known = refs;
        if (known == null) {
            known = new ExportRefs(secrets.lookupMac("export-watermark", "ref".getBytes(StandardCharsets.US_ASCII)));
            refs = known;
        }
        return known;
    }
}
