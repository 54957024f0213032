package org.cfcr.petitions.kernel.secret;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The named keys every node must share, of two kinds:
 * <ul>
 * <li><b>signing keys</b> ({@link #sign}, {@link #verifies}): for what the service hands out and
 *     gets back within days (CSRF tokens, form times, device cookies, unsubscribe links). Derived
 *     from the master secret; after a rotation, what the previous master secret signed is still
 *     accepted, so pages and links in flight keep working.</li>
 * <li><b>lookup keys</b> ({@link #lookupMac}): for keyed hashes that are stored or recomputed and
 *     compared later (address hashes, export refs, discreet reference codes), which a rotation would
 *     orphan. Derived from the personal-data index key, never rotated like it.</li>
 * </ul>
 * Without a master secret (the embedded default and the tests; production refuses to start), each
 * key is kept in the database instead: the first node to need one creates it, the others read it.
 */
@Singleton
public class SharedSecrets {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Looking the algorithm up among the providers cost more than the HMAC of a short message; init resets one */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Sql sql;
    private final Clock clock;
    private final MasterSecrets master;
    private final PersonalDataCipher personalData;
    private final Map<String, List<byte[]>> signingKeys = new ConcurrentHashMap<>();
    private final Map<String, byte[]> lookupKeys = new ConcurrentHashMap<>();

    public SharedSecrets(Sql sql, Clock clock, MasterSecrets master, PersonalDataCipher personalData) {
        this.sql = sql;
        this.clock = clock;
        this.master = master;
        this.personalData = personalData;
    }

    /** HMAC-SHA256 of the message under the named signing key, base64url without padding (43 characters). */
    public String sign(String keyName, String message) {
        // the current key only: every campaign page view signs its form time
        return signature(signingKeys(keyName).get(0), message.getBytes(StandardCharsets.UTF_8));
    }

    /** The message's signatures under each believed key, the current one first. */
    public List<String> signatures(String keyName, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return signingKeys(keyName).stream().map(key -> signature(key, bytes)).toList();
    }

    private static String signature(byte[] key, byte[] message) {
        return BASE64URL.encodeToString(hmac(key, message));
    }

    /** Whether the candidate is the message's signature under the current or the previous key (in constant time). */
    public boolean verifies(String keyName, String message, String candidate) {
        if (candidate == null) {
            return false;
        }
        byte[] given = candidate.getBytes(StandardCharsets.US_ASCII);
        boolean genuine = false;
        for (String signature : signatures(keyName, message)) {
            genuine |= MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII), given);
        }
        return genuine;
    }

    /** HMAC-SHA256 of the bytes under the named lookup key, which does not change with the master secret. */
    public byte[] lookupMac(String keyName, byte[] message) {
        return hmac(lookupKeys.computeIfAbsent(keyName, name ->
                master.configured() ? personalData.lookupKey(name) : loadOrCreate(name)), message);
    }

    /** HMAC-SHA256 of the bytes under the given key. */
    public static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<byte[]> signingKeys(String keyName) {
        return signingKeys.computeIfAbsent(keyName, name -> master.configured()
                ? master.currentThenPrevious().stream()
                        .map(secret -> KeyDerivation.derive(secret, KeyDerivation.Purpose.SIGNING, name)).toList()
                : List.of(loadOrCreate(name)));
    }

    /**
     * In a transaction of its own: a key is first needed wherever it is used, often while a page reads
     * in a read-only transaction (the confirm page's reference code), where the insert was refused and
     * the visitor got an error page. Read committed: after losing the race to create it, this reads
     * the other node's committed key.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW,
            isolation = TransactionDefinition.Isolation.READ_COMMITTED)
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

    private Optional<byte[]> find(String name) {
        return sql.one("SELECT secret FROM app_secret WHERE name = ?", row -> row.getBytes("secret"), name);
    }
}
