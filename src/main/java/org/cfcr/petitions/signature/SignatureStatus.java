package org.cfcr.petitions.signature;

public enum SignatureStatus {
    /** Waiting for the signer to confirm by email; not counted, not listed. */
    PENDING,
    /** Confirmed by the owner of the email address; counted and listed. */
    CONFIRMED,
    /** Removed by its signer: not counted, not listed, personal data erased. */
    WITHDRAWN
}
