package org.cfcr.petitions.update;

/** How far an update's mailing has got (campaign_update.mailing_state). */
public enum MailingState {
    /** Its recipients are still being queued in the outbox, a batch at a time. */
    QUEUED,
    /** Every recipient's email is in the outbox. */
    QUEUED_ALL
}
