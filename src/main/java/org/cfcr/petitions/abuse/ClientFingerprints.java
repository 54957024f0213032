package org.cfcr.petitions.abuse;

import jakarta.inject.Singleton;
import org.cfcr.petitions.web.SharedSecrets;

import java.util.Arrays;

/**
 * What the database keeps of a signer's address: a keyed hash (HMAC under a key of our own, so a
 * leaked table cannot be matched against a list of addresses without the key too) and the /24 or
 * /48 network. Enough to find a wave from one address or network; not enough to name a household.
 */
@Singleton
public class ClientFingerprints {

    private static final String KEY = "client-address";
    static final int HASH_BYTES = 16;

    private final SharedSecrets secrets;

    public ClientFingerprints(SharedSecrets secrets) {
        this.secrets = secrets;
    }

    public byte[] hash(ClientAddress client) {
        return Arrays.copyOf(secrets.mac(KEY, client.hostKey()), HASH_BYTES);
    }
}
