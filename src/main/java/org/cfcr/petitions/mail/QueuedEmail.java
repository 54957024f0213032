package org.cfcr.petitions.mail;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An email claimed for sending: what it is about, for the feature that writes it.
 *
 * @param kind        the name of its {@link EmailKind}
 * @param signatureId the signature (and so the signer) it goes to
 * @param updateId    the campaign update it carries, for mailings
 */
public record QueuedEmail(long id, String kind, long signatureId, @Nullable Long updateId, int attempts,
                          Instant createdAt) {
}
