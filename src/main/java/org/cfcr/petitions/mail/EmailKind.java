package org.cfcr.petitions.mail;

/**
 * A kind of email, named by the feature that writes it (an enum of its own implements this), and
 * the {@link Letters} of that feature turn each queued one into a message.
 */
public interface EmailKind {

    /** Stored with each email; stable across releases. */
    String name();

    Lane lane();

    /** Emails a person waits for go before mailings to many. */
    enum Lane {
        /** A signer is waiting for it (a confirmation link). */
        PERSONAL,
        /** One of a mailing to many; sent once no personal email waits. */
        BULK
    }
}
