package org.cfcr.petitions.account;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * The cost of an Argon2id password hash, under {@code petitions.passwords.*}. A stored hash carries
 * its own parameters, so changing these affects new hashes only; every old one still verifies.
 * Each verification takes {@code memoryKib} of heap, so at most {@code concurrentVerifications} run
 * at once on a node; a sign-in that waits {@code verificationWait} for a turn is asked to come back.
 */
@ConfigurationProperties("petitions.passwords")
public record PasswordSettings(int memoryKib, int passes, int concurrentVerifications, Duration verificationWait) {
}
