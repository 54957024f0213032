package org.cfcr.petitions.mail;

public enum EmailKind {
    /** Asks a signer to confirm, with a fresh single-use link. */
    CONFIRMATION,
    /** Tells a confirmed signer who signed again that their signature already counts. */
    ALREADY_SIGNED,
    /** News from a campaign to a confirmed signer who asked for updates; carries an unsubscribe link. */
    UPDATE
}
