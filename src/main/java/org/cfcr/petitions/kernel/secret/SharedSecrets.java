package org.cfcr.petitions.kernel.secret;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys that every node must share, kept in the database: the first node to need one creates it,
 * the others read the same. Nodes stay interchangeable without a secret to configure.
 */
@Singleton
public class SharedSecrets {

    private final Sql sql;
    private final Clock clock;
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    public SharedSecrets(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public byte[] get(String name) {
        return loaded.computeIfAbsent(name, this::loadOrCreate);
    }

    /** Read committed: after losing the race to create it, this reads the other node's committed key. */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    protected byte[] loadOrCreate(String name) {
        return find(name).orElseGet(() -> {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            try {
                sql.update("INSERT INTO app_secret (name, secret, created_at) VALUES (?, ?, ?)",
                        name, secret, Instant.now(clock));
                return secret;
            } catch (Sql.DuplicateKeyException anotherNodeWasFaster) {
                return find(name).orElseThrow();
            }
        });
    }

    /** HMAC-SHA256 of the message under the named shared key, base64url without padding (43 characters). */
    public String sign(String keyName, String message) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(keyName, message.getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SHA256 of the bytes under the named shared key. */
    public byte[] mac(String keyName, byte[] message) {
        return hmac(get(keyName), message);
    }

    /** HMAC-SHA256 of the bytes under the given key. */
    public static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private java.util.Optional<byte[]> find(String name) {
        return sql.one("SELECT secret FROM app_secret WHERE name = ?", row -> row.getBytes("secret"), name);
    }
}
