package org.cfcr.petitions.mail;

/** Hands an email to whatever delivers it. Throws {@link MailDeliveryException} when it could not. */
public interface MailTransport {

    void deliver(OutgoingEmail email);
}
