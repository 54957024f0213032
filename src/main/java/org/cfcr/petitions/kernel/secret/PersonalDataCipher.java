package org.cfcr.petitions.kernel.secret;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals signers' personal data (names, email addresses, cities) before it reaches the database,
 * with an authenticated cipher (AES-256-GCM through Google Tink) whose keys live outside it. Every
 * sealed value names its key (Tink's prefix), and rows record the key id too, so that a rotation
 * ({@link KeysetTool}) can find and re-seal what an older key sealed.
 *
 * <p>What must be found without decrypting (one person per campaign, an email domain) is kept as a
 * keyed hash ({@link #index}) under a separate key: equal inputs give equal hashes, so a unique
 * key and a lead's "invalidate this domain" still work, and without the key a dump cannot test
 * a list of known addresses against it.
 */
@Singleton
public class PersonalDataCipher {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataCipher.class);
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final Aead aead;
    private final int keyId;
    /** One MAC per thread, keyed once: a signing computes two hashes per signature. */
    private final ThreadLocal<Mac> indexMac;

    @Inject
    PersonalDataCipher(PersonalDataSettings settings, Environment environment,
                       @Property(name = "petitions.data-dir") String dataDir) {
        this(settings.withFilesUnder(Path.of(dataDir, "keys")), !environment.getActiveNames().contains("prod"));
    }

    /** mayGenerate: whether missing key files are generated (never in production: old rows would not open). */
    public PersonalDataCipher(PersonalDataSettings settings, boolean mayGenerate) {
        KeysetHandle keyset = keyset(settings, mayGenerate);
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The personal-data keyset is not an AEAD keyset", e);
        }
        this.keyId = keyset.getPrimary().getId();
        SecretKeySpec indexKey = new SecretKeySpec(indexKey(settings, mayGenerate), "HmacSHA256");
        this.indexMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(indexKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The id of the key new values are sealed with. */
    public int keyId() {
        return keyId;
    }

    /**
     * The value sealed for one field (the context, e.g. "signature.name", is authenticated with it:
     * a value moved to another field does not open), as text for a text column.
     */
    public String seal(String clear, String context) {
        try {
            return BASE64.encodeToString(aead.encrypt(clear.getBytes(StandardCharsets.UTF_8),
                    context.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing failed", e);
        }
    }

    /**
     * The clear value. keyId null: the row was stored before encryption and still holds the clear
     * value (until the re-sealing job reaches it); an empty value is an erased one.
     */
    public String open(String stored, String context, @Nullable Integer keyId) {
        if (keyId == null || stored.isEmpty()) {
            return stored;
        }
        try {
            return new String(aead.decrypt(BASE64_DECODER.decode(stored), context.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a value that does not open is an error of keys or data, never shown or guessed at
            throw new IllegalStateException("A sealed " + context + " does not open with the configured keys", e);
        }
    }

    /** Null stays null (an optional field left empty). */
    public @Nullable String sealNullable(@Nullable String clear, String context) {
        return clear == null ? null : seal(clear, context);
    }

    public @Nullable String openNullable(@Nullable String stored, String context, @Nullable Integer keyId) {
        return stored == null ? null : open(stored, context, keyId);
    }

    /** The keyed hash of a value (HMAC-SHA-256), to find equal values without decrypting. */
    public byte[] index(String value) {
        return indexMac.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static KeysetHandle keyset(PersonalDataSettings settings, boolean mayGenerate) {
        try {
            AeadConfig.register();
            String json = settings.keyset();
            if (json == null || json.isBlank()) {
                Path file = file(settings.keysetFile(), "PERSONAL_DATA_KEYSET_FILE");
                if (!Files.exists(file)) {
                    if (!mayGenerate) {
                        throw new IllegalStateException("No personal-data keyset: set PERSONAL_DATA_KEYSET or "
                                + "PERSONAL_DATA_KEYSET_FILE (see README, 'Keys'); " + file + " does not exist");
                    }
                    LOG.warn("No personal-data keyset yet: generating one in {} (keep it, and back it up apart "
                            + "from the database: without it no signer's details can be read)", file);
                    writeSecret(file, TinkJsonProtoKeysetFormat.serializeKeyset(
                            KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get()));
                }
                json = Files.readString(file);
            }
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The personal-data keyset cannot be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] indexKey(PersonalDataSettings settings, boolean mayGenerate) {
        try {
            String text = settings.indexKey();
            if (text == null || text.isBlank()) {
                Path file = file(settings.indexKeyFile(), "PERSONAL_DATA_INDEX_KEY_FILE");
                if (!Files.exists(file)) {
                    if (!mayGenerate) {
                        throw new IllegalStateException("No personal-data index key: set PERSONAL_DATA_INDEX_KEY or "
                                + "PERSONAL_DATA_INDEX_KEY_FILE (see README, 'Keys'); " + file + " does not exist");
                    }
                    byte[] fresh = new byte[32];
                    new SecureRandom().nextBytes(fresh);
                    writeSecret(file, Base64.getEncoder().encodeToString(fresh));
                }
                text = Files.readString(file);
            }
            byte[] key = Base64.getDecoder().decode(text.strip());
            if (key.length < 32) {
                throw new IllegalStateException("The personal-data index key must be at least 32 bytes (base64)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(@Nullable String name, String setting) {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(setting + " is empty and no key is given in full");
        }
        return Path.of(name);
    }

    /** Written readable by its owner only, where the file system allows. */
    static void writeSecret(Path file, String content) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the directory's own protection has to do
        }
    }
}
