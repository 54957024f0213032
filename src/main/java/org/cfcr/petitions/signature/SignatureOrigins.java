package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.kernel.net.ClientFingerprints;
import org.cfcr.petitions.signature.screening.FormEvidence;
import org.cfcr.petitions.signature.screening.HoldRule;
import org.cfcr.petitions.signature.screening.SignatureScreening;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Screens a signature and says what is stored of where it came from. */
@Singleton
class SignatureOrigins {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureOrigins.class);

    private final SignatureScreening screening;
    private final ClientFingerprints fingerprints;

    SignatureOrigins(SignatureScreening screening, ClientFingerprints fingerprints) {
        this.screening = screening;
        this.fingerprints = fingerprints;
    }

    SignatureOrigin of(@Nullable ClientAddress client, long campaignId, EmailAddress email, FormEvidence evidence) {
        HoldRule hold = screening.screen(campaignId, email, client, evidence).orElse(null);
        if (hold != null && LOG.isDebugEnabled()) {
            LOG.debug("Holding a signature to campaign {}: {}", campaignId, hold);
        }
        return client == null ? new SignatureOrigin(null, null, hold)
                : new SignatureOrigin(fingerprints.hash(client), client.network(), hold);
    }
}
