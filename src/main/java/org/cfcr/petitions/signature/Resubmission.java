package org.cfcr.petitions.signature;

import java.time.Instant;

/**
 * A submission for a mailbox whose signature was still pending: kept apart with what it said,
 * with its own link. Only that link can publish it.
 */
public record Resubmission(long id, long signatureId, Submission said, Instant createdAt) {
}
