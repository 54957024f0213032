package org.cfcr.petitions.kernel.secret;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The master secret every signing key is derived from, given in full or as a file (README, 'Keys').
 *
 * @param master       at least 32 random bytes, base64 (MASTER_SECRET)
 * @param masterFile   the same in a file (MASTER_SECRET_FILE); used when master is empty
 * @param previous     the master secret before the last rotation (MASTER_SECRET_PREVIOUS): what it
 *                     signed is still accepted, nothing new is signed with it
 * @param previousFile the same in a file (MASTER_SECRET_PREVIOUS_FILE)
 */
@ConfigurationProperties("petitions.secrets")
public record MasterSecretSettings(@Nullable String master, @Nullable String masterFile, @Nullable String previous,
                                   @Nullable String previousFile) {
}
