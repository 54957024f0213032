package org.cfcr.petitions;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code petitions.*} (see application.yml and README for the environment
 * variables that set them).
 *
 * @param publicBaseUrl            base of links in emails; empty means this server's local address
 * @param confirmationTtl          how long a confirmation link works
 * @param closedGracePeriod        how long after a campaign closes a pending signature may still be confirmed
 * @param resendInterval           least time between two emails to the same signer of a campaign
 * @param maxEmailsPerSignature    most emails signing again can trigger for one signature within a day
 */
@ConfigurationProperties("petitions")
public record PetitionsConfig(
        @io.micronaut.core.annotation.Nullable String publicBaseUrl,
        Duration confirmationTtl,
        Duration closedGracePeriod,
        Duration resendInterval,
        int maxEmailsPerSignature) {
}
