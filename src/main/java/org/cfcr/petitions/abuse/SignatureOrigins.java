package org.cfcr.petitions.abuse;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import org.cfcr.petitions.signature.EmailAddress;
import org.cfcr.petitions.signature.SignatureOrigin;
import org.cfcr.petitions.web.TrustedProxyAddressResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Screens a signature and says what is stored of where it came from. */
@Singleton
public class SignatureOrigins {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureOrigins.class);

    private final TrustedProxyAddressResolver addresses;
    private final SignatureScreening screening;
    private final ClientFingerprints fingerprints;

    public SignatureOrigins(TrustedProxyAddressResolver addresses, SignatureScreening screening,
                            ClientFingerprints fingerprints) {
        this.addresses = addresses;
        this.screening = screening;
        this.fingerprints = fingerprints;
    }

    public SignatureOrigin of(HttpRequest<?> request, long campaignId, EmailAddress email, FormEvidence evidence) {
        Optional<ClientAddress> client = addresses.client(request);
        HoldRule hold = screening.screen(campaignId, email, client.orElse(null), evidence).orElse(null);
        if (hold != null && LOG.isDebugEnabled()) {
            LOG.debug("Holding a signature to campaign {}: {}", campaignId, hold);
        }
        return new SignatureOrigin(client.map(fingerprints::hash).orElse(null),
                client.map(ClientAddress::network).orElse(null), hold);
    }
}
