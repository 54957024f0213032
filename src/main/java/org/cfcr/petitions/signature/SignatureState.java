package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.signature.screening.HoldRule;

/**
 * Where a signature stands, in one word: what its status, hold and invalidation say together.
 * Only {@link #CONFIRMED} counts ({@link Signature#counts()}).
 */
public enum SignatureState {
    /** Waiting for its signer to confirm by email. */
    PENDING,
    /** Confirmed, counted and listed. */
    CONFIRMED,
    /** Held back by an automatic check until a lead releases it (pending or confirmed). */
    HELD,
    /** Invalidated by a lead (pending or confirmed); undoing it brings the signature back. */
    INVALIDATED,
    /** Removed by its signer; personal data erased. */
    WITHDRAWN;

    public static SignatureState of(SignatureStatus status, @Nullable HoldRule holdRule, @Nullable Long invalidationId) {
        return of(status, holdRule, invalidationId != null);
    }

    public static SignatureState of(SignatureStatus status, @Nullable HoldRule holdRule, boolean invalidated) {
        if (status == SignatureStatus.WITHDRAWN) {
            return WITHDRAWN;
        }
        if (invalidated) {
            return INVALIDATED;
        }
        if (holdRule != null) {
            return HELD;
        }
        return status == SignatureStatus.CONFIRMED ? CONFIRMED : PENDING;
    }

    public boolean counts() {
        return this == CONFIRMED;
    }
}
