package org.cfcr.petitions.account;

/** What a session signed in with the password alone must do before it may do anything else. */
public enum PendingStep {
    /** Prove one of the account's second factors. */
    PROVE_FACTOR,
    /** Set up a second factor: the account needs one and has none. */
    ENROL_FACTOR
}
