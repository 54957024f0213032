package org.cfcr.petitions.mail;

public class MailDeliveryException extends RuntimeException {

    private final boolean permanent;

    public MailDeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** The server refused this message for good (e.g. no such mailbox); retrying will not help. */
    public boolean isPermanent() {
        return permanent;
    }
}
