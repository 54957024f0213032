package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

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
}
