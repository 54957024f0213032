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
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

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
    private final byte[] indexKey;

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
        this.indexKey = indexKey(settings, mayGenerate);
        SecretKeySpec indexKey = new SecretKeySpec(this.indexKey, "HmacSHA256");
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

    /**
     * The key of another keyed hash that is stored or looked up later (a signer's address, an
     * export's refs), derived from the index key: like it, outside the database and never rotated.
     */
    byte[] lookupKey(String name) {
        return KeyDerivation.derive(indexKey, KeyDerivation.Purpose.LOOKUP, name);
    }

    private static KeysetHandle keyset(PersonalDataSettings settings, boolean mayGenerate) {
        try {
            AeadConfig.register();
            String json = loadOrGenerate(settings.keyset(), settings.keysetFile(), "PERSONAL_DATA_KEYSET", mayGenerate,
                    () -> TinkJsonProtoKeysetFormat.serializeKeyset(
                            KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get()));
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The personal-data keyset cannot be read", e);
        }
    }

    private static byte[] indexKey(PersonalDataSettings settings, boolean mayGenerate) {
        String text = loadOrGenerate(settings.indexKey(), settings.indexKeyFile(), "PERSONAL_DATA_INDEX_KEY", mayGenerate,
                () -> {
                    byte[] fresh = new byte[32];
                    new SecureRandom().nextBytes(fresh);
                    return Base64.getEncoder().encodeToString(fresh);
                });
        return SecretSource.base64Key(text, 32, "PERSONAL_DATA_INDEX_KEY");
    }

    /** The key given in full or in its file; a missing file is generated outside production only. */
    private static String loadOrGenerate(@Nullable String inFull, @Nullable String file, String setting,
                                         boolean mayGenerate, KeyMaker maker) {
        Optional<String> given = SecretSource.read(inFull, file);
        if (given.isPresent()) {
            return given.get();
        }
        if (SecretSource.blank(file)) {
            throw new IllegalStateException(setting + "_FILE is empty and no key is given in full");
        }
        if (!mayGenerate) {
            throw new IllegalStateException("No " + setting + ": set " + setting + " or " + setting
                    + "_FILE (see README, 'Keys'); " + file + " does not exist");
        }
        LOG.warn("No {} yet: generating one in {} (keep it, and back it up apart from the database: without it "
                + "no signer's details can be read)", setting, file);
        try {
            String fresh = maker.make();
            SecretSource.writeSecret(Path.of(file), fresh);
            return fresh;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface KeyMaker {
        String make() throws GeneralSecurityException;
    }
}
