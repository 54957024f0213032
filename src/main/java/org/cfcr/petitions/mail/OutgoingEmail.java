package org.cfcr.petitions.mail;

import java.util.Map;

/**
 * A rendered email, ready for a transport.
 *
 * @param sender whom the From line names
 */
public record OutgoingEmail(String to, String subject, String html, String text, Map<String, String> headers,
                            Sender sender) {

    /** Whom an email says it is from. */
    public enum Sender {
        /** MAIL_FROM as it is set, with whatever name it carries. */
        SERVICE,
        /**
         * MAIL_FROM's address under the neutral name of {@code petitions.mail.discreet-from-name}
         * (none when that is empty), for an email that must not say whose it is.
         */
        NEUTRAL
    }

    public OutgoingEmail(String to, String subject, String html, String text, Map<String, String> headers) {
        this(to, subject, html, text, headers, Sender.SERVICE);
    }

    public OutgoingEmail(String to, String subject, String html, String text) {
        this(to, subject, html, text, Map.of());
    }
}
