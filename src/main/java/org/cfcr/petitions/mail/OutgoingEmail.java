package org.cfcr.petitions.mail;

import java.util.Map;

/** A rendered email, ready for a transport. */
public record OutgoingEmail(String to, String subject, String html, String text, Map<String, String> headers) {

    public OutgoingEmail(String to, String subject, String html, String text) {
        this(to, subject, html, text, Map.of());
    }
}
