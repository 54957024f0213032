package org.cfcr.petitions.signature.screening;

import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.kernel.net.IpRange;
import org.cfcr.petitions.signature.EmailAddress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allow and block lists from the settings, read once at start. A setting that cannot be read
 * stops the start with its name, rather than silently protecting nothing.
 */
@Singleton
public class AccessLists {

    private final List<IpRange> allowAddresses;
    private final List<IpRange> blockAddresses;
    private final Set<String> blockDomains;
    private final List<Pattern> blockEmails;
    private final Set<String> unlimitedDomains = new HashSet<>();

    public AccessLists(AbuseSettings settings, ResourceResolver resources) {
        this.allowAddresses = ranges("allow-addresses", settings.allowAddresses());
        this.blockAddresses = ranges("block-addresses", settings.blockAddresses());
        this.blockDomains = domains(settings.blockDomains());
        this.blockEmails = settings.blockEmails().stream().filter(p -> !p.isBlank()).map(AccessLists::glob).toList();
        this.unlimitedDomains.addAll(domains(settings.allowDomains()));
        try (InputStream shipped = resources.getResourceAsStream("classpath:email/major-providers.txt").orElseThrow()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(shipped, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String domain = line.strip().toLowerCase(Locale.ROOT);
                if (!domain.isEmpty() && !domain.startsWith("#")) {
                    unlimitedDomains.add(domain);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the list of big email providers", e);
        }
    }

    public boolean isAllowed(ClientAddress client) {
        return allowAddresses.stream().anyMatch(range -> range.contains(client.address()));
    }

    public boolean isBlocked(ClientAddress client, EmailAddress email) {
        if (client != null && blockAddresses.stream().anyMatch(range -> range.contains(client.address()))) {
            return true;
        }
        if (EmailAddress.isInOrUnder(email.domain(), blockDomains)) {
            return true;
        }
        String address = email.normalised();
        return blockEmails.stream().anyMatch(pattern -> pattern.matcher(address).matches());
    }

    /** Big providers (and allowed domains) bring many real signers; a per-domain limit would hold them. */
    public boolean isDomainUnlimited(String domain) {
        return EmailAddress.isInOrUnder(domain, unlimitedDomains);
    }

    private static List<IpRange> ranges(String setting, List<String> values) {
        return values.stream().filter(v -> !v.isBlank())
                .map(v -> IpRange.parse(v).orElseThrow(() -> new IllegalArgumentException(
                        "petitions.abuse." + setting + ": \"" + v + "\" is not an address or CIDR range")))
                .toList();
    }

    private static Set<String> domains(List<String> values) {
        Set<String> out = new HashSet<>();
        for (String value : values) {
            String domain = value.strip().toLowerCase(Locale.ROOT);
            if (domain.startsWith("@")) {
                domain = domain.substring(1);
            }
            if (!domain.isEmpty()) {
                out.add(domain);
            }
        }
        return out;
    }

    /** "*@spam.example" or "bot*@*": {@code *} matches any run of characters, case ignored. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.strip().toLowerCase(Locale.ROOT).split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
