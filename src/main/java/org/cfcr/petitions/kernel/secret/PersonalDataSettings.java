package org.cfcr.petitions.kernel.secret;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;

/**
 * Where the keys that protect signers' personal data come from: never from the database, so a
 * dump or a backup of it names no one. Each key is given either in full (from a secret store,
 * through the environment) or as a file.
 *
 * @param keyset       a Tink AEAD keyset in Tink's JSON format, in clear (PERSONAL_DATA_KEYSET)
 * @param keysetFile   the same, in a file (PERSONAL_DATA_KEYSET_FILE); used when keyset is empty
 * @param indexKey     32 random bytes, base64, for the keyed hashes that find a person or a domain
 *                     without decrypting (PERSONAL_DATA_INDEX_KEY); never rotated, see README
 * @param indexKeyFile the same, in a file (PERSONAL_DATA_INDEX_KEY_FILE)
 */
@ConfigurationProperties("petitions.personal-data")
public record PersonalDataSettings(@Nullable String keyset, @Nullable String keysetFile, @Nullable String indexKey,
                                   @Nullable String indexKeyFile) {

    /** The files that are not named, in this folder. */
    PersonalDataSettings withFilesUnder(Path folder) {
        return new PersonalDataSettings(keyset, blank(keysetFile) ? folder.resolve("personal-data.json").toString() : keysetFile,
                indexKey, blank(indexKeyFile) ? folder.resolve("index.key").toString() : indexKeyFile);
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
