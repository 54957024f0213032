package org.cfcr.petitions.mail;

public enum EmailKind {
    /** Asks a signer to confirm, with a fresh single-use link. */
    CONFIRMATION,
    /** Tells a confirmed signer who signed again that their signature already counts. */
    ALREADY_SIGNED
}
