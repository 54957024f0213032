package org.cfcr.petitions.checks;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.signature.SignatureStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a campaign's signatures came from, hour by hour over the last day: the busiest single
 * addresses (known only by their hash and network), networks and email domains. A fake wave
 * stands out here, and each row links to the invalidation form filled in to match it.
 */
@Singleton
public class BusiestSources {

    static final int ROWS = 15;
    static final Duration WINDOW = Duration.ofHours(24);

    /** An hour of the tables, with the times the invalidation form takes. */
    public interface Hourly {
        Instant hour();

        default String from() {
            return InvalidationCriteria.format(hour());
        }

        default String to() {
            return InvalidationCriteria.format(hour().plus(Duration.ofHours(1)));
        }
    }

    public record Address(Instant hour, String network, String host, long signatures) implements Hourly {
        /** A short label for one address whose full form is not kept. */
        public String hostLabel() {
            return "#" + host.substring(0, 8);
        }
    }

    public record Network(Instant hour, String network, long addresses, long signatures) implements Hourly {
    }

    public record Domain(Instant hour, String domain, long signatures) implements Hourly {
    }

    public record Report(List<Address> addresses, List<Network> networks, List<Domain> domains) {
    }

    private final SignatureStore signatures;
    private final Clock clock;

    public BusiestSources(SignatureStore signatures, Clock clock) {
        this.signatures = signatures;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Report lastDay(long campaignId) {
        Instant since = Instant.now(clock).truncatedTo(ChronoUnit.HOURS).minus(WINDOW).plus(Duration.ofHours(1));
        SignatureStore.Sources sources = signatures.busiestSources(campaignId, since, ROWS);
        List<Address> addresses = sources.clients().stream()
                .map(row -> new Address(since.plus(Duration.ofHours(row.hour())), ClientAddress.networkLabel(row.network()),
                        HexFormat.of().formatHex(row.clientHash()), row.signatures()))
                .toList();
        List<Network> networks = sources.networks().stream()
                .map(row -> new Network(since.plus(Duration.ofHours(row.hour())), ClientAddress.networkLabel(row.network()),
                        row.clients(), row.signatures()))
                .toList();
        List<Domain> domains = sources.domains().stream()
                .map(row -> new Domain(since.plus(Duration.ofHours(row.hour())), row.domain(), row.signatures()))
                .toList();
        return new Report(addresses, networks, domains);
    }
}
