package org.cfcr.petitions.account.factor;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a rotation of the personal-data keys ({@code KeysetTool rotate}), the authenticator-app
 * secrets are sealed again under the new key, as signers' details are
 * ({@code PersonalDataResealing}): a minute after start and every hour, so the old key can go.
 */
@Singleton
class TotpSecretResealing {

    private static final Logger LOG = LoggerFactory.getLogger(TotpSecretResealing.class);

    private final SecondFactors factors;

    TotpSecretResealing(SecondFactors factors) {
        this.factors = factors;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    void reseal() {
        try {
            int resealed = factors.resealTotpSecrets();
            if (resealed > 0) {
                LOG.info("Re-sealed {} authenticator-app secrets under the current personal-data key", resealed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Re-sealing authenticator-app secrets failed, will retry: {}", e.getMessage());
        }
    }
}
