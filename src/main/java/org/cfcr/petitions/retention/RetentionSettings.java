package org.cfcr.petitions.retention;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How long personal data is kept, under {@code petitions.retention.*}.
 *
 * @param unconfirmed   signatures never confirmed are deleted after this long (PETITIONS_RETENTION_UNCONFIRMED)
 * @param clientAddress what is kept of a signer's address is dropped after this long (PETITIONS_RETENTION_CLIENT_ADDRESS)
 * @param afterClose    signers' personal data is erased this long after their campaign closed (PETITIONS_RETENTION_AFTER_CLOSE)
 * @param interval      how often each node runs the retention jobs
 */
@ConfigurationProperties("petitions.retention")
public record RetentionSettings(Duration unconfirmed, Duration clientAddress, Duration afterClose, Duration interval) {
}
