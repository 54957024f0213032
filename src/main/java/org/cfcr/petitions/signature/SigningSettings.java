package org.cfcr.petitions.signature;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Signing settings under {@code petitions.*}; application.yml gives the defaults and maps the
 * environment variables of README's table.
 *
 * @param confirmationTtl          how long a confirmation link works
 * @param closedGracePeriod        how long after a campaign closes a pending signature may still be confirmed
 * @param resendInterval           least time between two emails to the same signer of a campaign
 * @param maxEmailsPerSignature    most emails signing again can trigger for one signature within a day
 */
@ConfigurationProperties("petitions")
public record SigningSettings(
        Duration confirmationTtl,
        Duration closedGracePeriod,
        Duration resendInterval,
        int maxEmailsPerSignature) {
}
