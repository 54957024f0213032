package org.cfcr.petitions.account.factor;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Sessions;
import org.cfcr.petitions.account.SignedInSession;
import org.cfcr.petitions.kernel.web.PublicLinks;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Passkeys (WebAuthn), verified by webauthn4j. The relying party is the service's public address:
 * its host is the RP ID and its origin the only origin accepted, so a passkey made for this
 * service answers nowhere else, and a look-alike site gets nothing it can replay here. No
 * attestation is asked for (which maker's key it is does not matter here; that it is the same key
 * each time does). Each ceremony answers the one challenge its session was given
 * ({@code Sessions#newChallenge}), once.
 */
@Singleton
public class Passkeys {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    private static final long TIMEOUT_MS = 120_000;

    private final SecondFactors factors;
    private final Sessions sessions;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final AttestedCredentialDataConverter credentials = new AttestedCredentialDataConverter(converter);
    private final Origin origin;
    private final String rpId;
    private final String rpName;

    Passkeys(SecondFactors factors, Sessions sessions, PublicLinks links) {
        this.factors = factors;
        this.sessions = sessions;
        URI base = URI.create(links.link("/"));
        this.origin = new Origin(base.getScheme() + "://" + base.getAuthority());
        this.rpId = base.getHost();
        // the name a passkey manager lists it under: the address people know the service by
        this.rpName = rpId;
    }

    /**
     * What the browser needs to make a passkey for the session's account
     * ({@code PublicKeyCredentialCreationOptions}, as JSON), with a new challenge for the session.
     */
    public String creationOptions(SignedInSession session) {
        return creationOptions(session.account(), sessions.newChallenge(session.tokenHash()));
    }

    /** What the browser needs to prove one of the account's passkeys, with a new challenge for the session. */
    public String requestOptions(SignedInSession session) {
        return requestOptions(session.account().id(), sessions.newChallenge(session.tokenHash()));
    }

    /** Adds the passkey the browser made, if it answers the session's challenge. */
    boolean register(SignedInSession session, String responseJson, String label) {
        return register(session.account().id(), responseJson, label,
                challenge -> sessions.takeChallenge(session.tokenHash(), challenge));
    }

    private String creationOptions(Account account, byte[] challenge) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", BASE64URL.encodeToString(challenge));
        options.put("rp", Map.of("id", rpId, "name", rpName));
        options.put("user", Map.of("id", BASE64URL.encodeToString(userHandle(account.id())), "name", account.email(),
                "displayName", account.name()));
        options.put("pubKeyCredParams", ALGORITHMS.stream()
                .map(p -> Map.of("type", "public-key", "alg", p.getAlg().getValue())).toList());
        options.put("excludeCredentials", credentialDescriptors(account.id()));
        options.put("authenticatorSelection", Map.of("residentKey", "preferred", "userVerification", "preferred"));
        options.put("attestation", "none");
        options.put("timeout", TIMEOUT_MS);
        return converter.getJsonConverter().writeValueAsString(options);
    }

    private String requestOptions(long accountId, byte[] challenge) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", BASE64URL.encodeToString(challenge));
        options.put("rpId", rpId);
        options.put("allowCredentials", credentialDescriptors(accountId));
        options.put("userVerification", "preferred");
        options.put("timeout", TIMEOUT_MS);
        return converter.getJsonConverter().writeValueAsString(options);
    }

    /**
     * Adds the passkey the browser made (its {@code PublicKeyCredential} as JSON) if it answers a
     * challenge this session holds; false for anything else.
     */
    private boolean register(long accountId, String responseJson, String label, Predicate<byte[]> takeChallenge) {
        try {
            RegistrationData data = manager.parseRegistrationResponseJSON(responseJson);
            byte[] challenge = data.getCollectedClientData().getChallenge().getValue();
            if (!takeChallenge.test(challenge)) {
                return false;
            }
            manager.verify(data, new RegistrationParameters(server(challenge), ALGORITHMS, false, true));
            AttestedCredentialData credential = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
            return factors.addPasskey(accountId, credential.getCredentialId(), credentials.convert(credential),
                    data.getAttestationObject().getAuthenticatorData().getSignCount(), label);
        } catch (RuntimeException malformedOrForged) {
            // webauthn4j's conversion and verification failures are runtime exceptions; whatever the
            // browser sent that does not verify is simply not a passkey of this account
            return false;
        }
    }

    /** Whether the browser's answer proves one of the account's passkeys, for a challenge this session holds. */
    boolean authenticate(long accountId, String responseJson, Predicate<byte[]> takeChallenge) {
        try {
            AuthenticationData data = manager.parseAuthenticationResponseJSON(responseJson);
            Optional<SecondFactors.PasskeyFactor> factor = factors.passkey(accountId, data.getCredentialId());
            byte[] challenge = data.getCollectedClientData().getChallenge().getValue();
            if (factor.isEmpty() || !takeChallenge.test(challenge)) {
                return false;
            }
            CredentialRecordImpl record = new CredentialRecordImpl(null, null, null, null, factor.get().signCount(),
                    credentials.convert(factor.get().credential()), null, null, null, null);
            manager.verify(data, new AuthenticationParameters(server(challenge), record,
                    List.of(data.getCredentialId()), false, true));
            return factors.used(factor.get().id(), data.getAuthenticatorData().getSignCount());
        } catch (RuntimeException malformedOrForged) {
            return false;
        }
    }

    private ServerProperty server(byte[] challenge) {
        return new ServerProperty(origin, rpId, new DefaultChallenge(challenge));
    }

    private List<Map<String, String>> credentialDescriptors(long accountId) {
        return factors.passkeys(accountId).stream()
                .map(passkey -> Map.of("type", "public-key",
                        "id", BASE64URL.encodeToString(credentials.extractCredentialId(passkey.credential()))))
                .toList();
    }

    /** The WebAuthn user handle: the account id, nothing that names the person. */
    private static byte[] userHandle(long accountId) {
        return ByteBuffer.allocate(Long.BYTES).putLong(accountId).array();
    }
}
