package org.cfcr.petitions.signature;

/** What the signer has done with a signature; {@link SignatureState} adds the holds. */
public enum SignatureStatus {
    /** Waiting for the signer to confirm by email. */
    PENDING,
    /** Confirmed by the owner of the email address. */
    CONFIRMED,
    /** Removed by its signer: personal data erased. */
    WITHDRAWN
}
