package org.cfcr.petitions.mail;

/** Where a queued email stands. */
enum OutboxStatus {
    /** Waiting to be sent, or claimed by a node that is sending it. */
    PENDING,
    /** Handed to the SMTP server. */
    SENT,
    /** Nothing left to say (confirmed through another link, withdrawn, unsubscribed): not sent. */
    SKIPPED,
    /** Refused by the SMTP server for good, or still failing when it stopped being useful. */
    FAILED
}
