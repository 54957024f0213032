package org.cfcr.petitions.mail;

/** A rendered email, ready for a transport. */
public record OutgoingEmail(String to, String subject, String html, String text) {
}
