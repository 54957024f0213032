package org.cfcr.petitions.mail;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An email claimed for sending: what it is about, for the feature that writes it.
 *
 * @param kind        the name of its {@link EmailKind}
 * @param signatureId the signature (and so the signer) it goes to
 * @param itemId      what it carries besides, read according to its kind: the campaign update of
 *                    a mailing, the repeat submission a confirmation link is for
 */
public record QueuedEmail(long id, String kind, long signatureId, @Nullable Long itemId, int attempts,
                          Instant createdAt) {
}
