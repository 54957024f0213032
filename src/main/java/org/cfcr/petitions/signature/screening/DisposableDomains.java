package org.cfcr.petitions.signature.screening;

import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;
import org.cfcr.petitions.signature.EmailAddress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Throwaway-mail domains: the shipped list (email/disposable-domains.txt), plus the file named by
 * DISPOSABLE_DOMAINS_FILE when set, so the list can grow without a release.
 */
@Singleton
public class DisposableDomains {

    private final Set<String> domains = new HashSet<>();
    private final boolean refused;

    public DisposableDomains(ResourceResolver resources,
                             EmailCheckSettings settings) {
        String extraFile = settings.disposableDomainsFile() == null ? "" : settings.disposableDomainsFile();
        String handling = settings.disposable();
        if (!handling.equals("refuse") && !handling.equals("hold")) {
            throw new IllegalArgumentException("petitions.email.disposable must be refuse or hold, not " + handling);
        }
        this.refused = handling.equals("refuse");
        try (InputStream shipped = resources.getResourceAsStream("classpath:email/disposable-domains.txt").orElseThrow()) {
            read(shipped);
            if (!extraFile.isBlank()) {
                try (InputStream extra = Files.newInputStream(Path.of(extraFile))) {
                    read(extra);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the disposable-domain list", e);
        }
    }

    /**
     * Refused: the signer is told to use another address. Held: the signature is taken and held
     * back as suspect, so that whoever sends it learns nothing.
     */
    public boolean areRefused() {
        return refused;
    }

    /** Whether the domain, or a domain it belongs to, is a throwaway-mail service. */
    public boolean isDisposable(String domain) {
        return EmailAddress.isInOrUnder(domain, domains);
    }

    private void read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String domain = line.strip().toLowerCase(Locale.ROOT);
            if (!domain.isEmpty() && !domain.startsWith("#")) {
                domains.add(domain);
            }
        }
    }
}
