package org.cfcr.petitions.kernel.net;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SharedSecrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What the database keeps of a signer's address: a keyed hash and the /24 or /48 network. Enough
 * to find a wave from one address or network; not enough to name a household without the key.
 * The key is never in the database in production: with the network known, an IPv4 address is one
 * of 256, so a key kept in the same database would let a full dump recover the addresses. It is
 * the shared lookup key "client-address" (outside the database once a master secret is set), or
 * ABUSE_ADDRESS_KEY when that is set, which deployments from before the master secret keep so
 * that the hashes they stored still match.
 */
@Singleton
public class ClientFingerprints {

    private static final String KEY = "client-address";
    static final int HASH_BYTES = 16;

    private final SharedSecrets secrets;
    private final byte[] configuredKey;

    public ClientFingerprints(SharedSecrets secrets, AddressHashSettings settings) {
        String configuredKey = settings.key() == null ? "" : settings.key();
        this.secrets = secrets;
        this.configuredKey = configuredKey.isBlank() ? null : sha256(configuredKey.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] hash(ClientAddress client) {
        byte[] mac = configuredKey == null ? secrets.lookupMac(KEY, client.hostKey())
                : SharedSecrets.hmac(configuredKey, client.hostKey());
        return Arrays.copyOf(mac, HASH_BYTES);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
