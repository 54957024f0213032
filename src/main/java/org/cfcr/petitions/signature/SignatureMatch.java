package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which signatures of a campaign a lead's invalidation takes: every part given must match.
 * Addresses are matched as the store keeps them: one client by its keyed hash (and network), a
 * range by the stored networks within it.
 *
 * @param network       the client's stored network, with clientHash: one client
 * @param clientHash    the keyed hash of one client's address
 * @param listedHash    the keyed hash of one client, as the busiest-sources table lists it
 * @param networksFrom  with networksTo: the stored networks in this range (inclusive), of this byte length
 * @param emailDomain   the email's domain
 * @param emailPattern  the email address, {@code *} matching anything
 * @param from          made at or after (UTC)
 * @param to            made before (UTC)
 */
public record SignatureMatch(long campaignId, @Nullable byte[] network, @Nullable byte[] clientHash,
                             @Nullable byte[] listedHash,
                             @Nullable byte[] networksFrom, @Nullable byte[] networksTo, @Nullable String emailDomain,
                             @Nullable String emailPattern, @Nullable String country, @Nullable Instant from,
                             @Nullable Instant to) {

    /**
     * The condition on the signature table's columns, and its arguments; emailPattern, when not
     * null, must match the address too: addresses are sealed, so only Java can read them.
     */
    record Where(String sql, Object[] args, @Nullable Pattern emailPattern) {
    }

    /**
     * Standing (pending or confirmed) signatures of the campaign, not invalidated yet, that match;
     * a domain is compared by its keyed hash, as the store keeps it.
     */
    Where where(Function<String, byte[]> domainIndex) {
        StringBuilder where = new StringBuilder("campaign_id = ? AND status IN ('PENDING', 'CONFIRMED') "
                + "AND invalidation_id IS NULL");
        List<Object> args = new ArrayList<>(List.of(campaignId()));
        if (network() != null) {
            where.append(" AND client_prefix = ?");
            args.add(network());
        }
        if (clientHash() != null) {
            where.append(" AND client_hash = ?");
            args.add(clientHash());
        }
        if (listedHash() != null) {
            where.append(" AND client_hash = ?");
            args.add(listedHash());
        }
        if (networksFrom() != null) {
            where.append(" AND client_prefix >= ? AND client_prefix <= ? AND OCTET_LENGTH(client_prefix) = ?");
            args.add(networksFrom());
            args.add(networksTo());
            args.add(networksFrom().length);
        }
        if (emailDomain() != null) {
            where.append(" AND email_domain = ?");
            args.add(domainIndex.apply(emailDomain()));
        }
        if (country() != null) {
            where.append(" AND country = ?");
            args.add(country());
        }
        if (from() != null) {
            where.append(" AND created_at >= ?");
            args.add(from());
        }
        if (to() != null) {
            where.append(" AND created_at < ?");
            args.add(to());
        }
        return new Where(where.toString(), args.toArray(), emailPattern() == null ? null : pattern(emailPattern()));
    }

    /** {@code *} matches anything, everything else itself, case aside, over the whole address. */
    static Pattern pattern(String emailPattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : emailPattern.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
