package org.cfcr.petitions.account;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The cost of an Argon2id password hash, under {@code petitions.passwords.*}. A stored hash carries
 * its own parameters, so changing these affects new hashes only; every old one still verifies.
 */
@ConfigurationProperties("petitions.passwords")
public record PasswordSettings(int memoryKib, int passes) {
}
