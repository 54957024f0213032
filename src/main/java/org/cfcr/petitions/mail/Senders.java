package org.cfcr.petitions.mail;

import io.micronaut.email.Contact;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The From line of each {@link OutgoingEmail.Sender}. MAIL_FROM may carry a name
 * ({@code Coalition <petitions@example.org>}); the neutral sender keeps only its address.
 */
@Singleton
public class Senders {

    private final Contact service;
    private final Contact neutral;

    Senders(MailSettings settings) {
        this.service = new Contact(settings.from());
        String name = settings.discreetFromName() == null ? "" : settings.discreetFromName().strip();
        String address = addressOf(settings.from());
        this.neutral = name.isEmpty() ? new Contact(address) : new Contact(address, name);
    }

    Contact of(OutgoingEmail.Sender sender) {
        return sender == OutgoingEmail.Sender.NEUTRAL ? neutral : service;
    }

    /** What a mail program shows as the sender: the name, or the address when there is none. */
    public String shownAs(OutgoingEmail.Sender sender) {
        Contact contact = of(sender);
        return contact.getName() == null ? contact.getEmail() : contact.getName();
    }

    /** The address alone; a MAIL_FROM that does not parse is left to fail as it would without this. */
    private static String addressOf(String from) {
        try {
            return new InternetAddress(from, true).getAddress();
        } catch (AddressException e) {
            return from;
        }
    }
}
