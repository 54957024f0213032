package org.cfcr.petitions.checks;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.i18n.Countries;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.kernel.net.IpRange;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a lead asks to invalidate: any mix of an address or range, one address known only by its
 * hash (from the busiest-sources table), an email domain, an email pattern, a country and a time
 * window (UTC). Every part given must match. Read from the lead's form, so every part may be
 * hostile; {@link #parse} says which field is wrong, in words.
 */
public record InvalidationCriteria(@Nullable IpRange range, @Nullable byte[] host, @Nullable String domain,
                                   @Nullable String emailPattern, @Nullable String country,
                                   @Nullable Instant from, @Nullable Instant to) {

    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?");
    private static final Pattern EMAIL_PATTERN = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~@-]{1,254}");
    private static final Pattern HOST = Pattern.compile("[0-9a-f]{32}");
    /** Four-digit years only: "+300000000-01-01" is a valid date to java.time and not to a database. */
    private static final Pattern TIME = Pattern.compile("(19|20|21)\\d{2}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}");

    /** The form as sent, every field optional. */
    public record Form(@Nullable String address, @Nullable String host, @Nullable String domain,
                       @Nullable String email, @Nullable String country, @Nullable String from, @Nullable String to) {

        public Map<String, String> asQuery() {
            Map<String, String> query = new LinkedHashMap<>();
            put(query, "address", address);
            put(query, "host", host);
            put(query, "domain", domain);
            put(query, "email", email);
            put(query, "country", country);
            put(query, "from", from);
            put(query, "to", to);
            return query;
        }

        public boolean isEmpty() {
            return asQuery().isEmpty();
        }

        private static void put(Map<String, String> query, String name, @Nullable String value) {
            if (value != null && !value.isBlank()) {
                query.put(name, value.strip());
            }
        }
    }

    public sealed interface Parsed {
    }

    public record Valid(InvalidationCriteria criteria) implements Parsed {
    }

    /** Field name to message key. */
    public record Invalid(Map<String, String> errors) implements Parsed {
    }

    public static Parsed parse(Form form, Countries countries) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> given = form.asQuery();
        IpRange range = null;
        if (given.containsKey("address")) {
            Optional<IpRange> parsed = IpRange.parse(given.get("address"));
            if (parsed.isEmpty()) {
                errors.put("address", "admin.checks.error.address");
            } else if (!isMatchable(parsed.get())) {
                errors.put("address", "admin.checks.error.addressNarrow");
            } else {
                range = parsed.get();
            }
        }
        byte[] host = null;
        if (given.containsKey("host")) {
            String hex = given.get("host").toLowerCase(Locale.ROOT);
            if (HOST.matcher(hex).matches()) {
                host = HexFormat.of().parseHex(hex);
            } else {
                errors.put("host", "admin.checks.error.host");
            }
        }
        String domain = null;
        if (given.containsKey("domain")) {
            String candidate = given.get("domain").toLowerCase(Locale.ROOT);
            candidate = candidate.startsWith("@") ? candidate.substring(1) : candidate;
            if (DOMAIN.matcher(candidate).matches() && candidate.contains(".")) {
                domain = candidate;
            } else {
                errors.put("domain", "admin.checks.error.domain");
            }
        }
        String pattern = null;
        if (given.containsKey("email")) {
            String candidate = given.get("email").toLowerCase(Locale.ROOT);
            if (EMAIL_PATTERN.matcher(candidate).matches() && !candidate.replace("*", "").isEmpty()) {
                pattern = candidate;
            } else {
                errors.put("email", "admin.checks.error.email");
            }
        }
        String country = null;
        if (given.containsKey("country")) {
            String candidate = given.get("country").toUpperCase(Locale.ROOT);
            if (countries.isKnown(candidate)) {
                country = candidate;
            } else {
                errors.put("country", "admin.checks.error.country");
            }
        }
        Instant from = time(given.get("from"), "from", errors);
        Instant to = time(given.get("to"), "to", errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.put("to", "admin.checks.error.window");
        }
        if (given.isEmpty()) {
            errors.put("address", "admin.checks.error.nothing");
        } else if (errors.isEmpty() && range == null && host == null && domain == null && pattern == null
                && country == null) {
            // a time window alone would sweep up every real signer of that hour
            errors.put("from", "admin.checks.error.windowAlone");
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new InvalidationCriteria(range, host, domain, pattern, country, from, to));
    }

    /**
     * Only a /24 (IPv6: /48) of an address is kept, with a hash of the whole address (IPv6: its
     * /64): a range can be matched when it is that wide or wider, an address when it is whole.
     */
    static boolean isMatchable(IpRange range) {
        int network = ClientAddress.networkBits(range.isIpv4());
        int host = range.isIpv4() ? 32 : ClientAddress.IPV6_HOST_BITS;
        return range.bits() <= network || range.bits() >= host;
    }

    /** Whether the range is one address (IPv6: one /64), matched by its hash. */
    boolean isSingleHost() {
        return range != null && range.bits() >= (range.isIpv4() ? 32 : ClientAddress.IPV6_HOST_BITS);
    }

    @Nullable
    private static Instant time(@Nullable String text, String field, Map<String, String> errors) {
        if (text == null) {
            return null;
        }
        if (!TIME.matcher(text).matches()) {
            errors.put(field, "admin.checks.error.time");
            return null;
        }
        try {
            return LocalDateTime.parse(text.replace('T', ' '), MINUTES).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.put(field, "admin.checks.error.time");
            return null;
        }
    }

    /** A time as the form takes it: "2026-11-28 09:00" (UTC). */
    public static String format(Instant time) {
        return MINUTES.format(time.atZone(ZoneOffset.UTC));
    }

    /** In words, for the record of the invalidation (and the audit log). */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (range != null) {
            parts.add("address " + (isSingleHost() ? range.toString().replaceAll("/(32|128)$", "") : range.toString()));
        }
        if (host != null) {
            parts.add("address #" + HexFormat.of().formatHex(host).substring(0, 8));
        }
        if (domain != null) {
            parts.add("domain " + domain);
        }
        if (emailPattern != null) {
            parts.add("email " + emailPattern);
        }
        if (country != null) {
            parts.add("country " + country);
        }
        if (from != null) {
            parts.add("from " + MINUTES.format(from.atZone(ZoneOffset.UTC)) + " UTC");
        }
        if (to != null) {
            parts.add("until " + MINUTES.format(to.atZone(ZoneOffset.UTC)) + " UTC");
        }
        return String.join("; ", parts);
    }
}
