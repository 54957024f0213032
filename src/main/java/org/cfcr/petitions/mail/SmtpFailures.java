package org.cfcr.petitions.mail;

import java.lang.reflect.Method;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a delivery failure may say in the log and in the outbox: the kind of failure and the SMTP
 * server's codes, never its words. Servers quote the recipient in their refusals ("550 5.1.1
 * &lt;jane@example.org&gt;: User unknown"), and the log and the outbox outlive the signer's data.
 */
final class SmtpFailures {

    /** An enhanced status code (RFC 3463) at the start of a server's reply, after the reply code. */
    private static final Pattern ENHANCED = Pattern.compile("^\\s*(?:\\d{3}[ -])?([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private SmtpFailures() {
    }

    /** For example "SMTPAddressFailedException 550 5.1.1", or "ConnectException". */
    static String describe(Throwable failure) {
        Throwable smtp = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (smtp == null && replyCode(t) > 0) {
                smtp = t;
            }
            root = t;
        }
        Throwable named = smtp != null ? smtp : root;
        StringBuilder description = new StringBuilder(named.getClass().getSimpleName());
        if (smtp != null) {
            description.append(' ').append(replyCode(smtp));
            Matcher enhanced = ENHANCED.matcher(String.valueOf(smtp.getMessage()));
            if (enhanced.find()) {
                description.append(' ').append(enhanced.group(1));
            }
        }
        return description.toString();
    }

    /** The reply code of Jakarta Mail's SMTP exceptions (getReturnCode), or -1 for anything else. */
    private static int replyCode(Throwable t) {
        try {
            Method code = t.getClass().getMethod("getReturnCode");
            return code.invoke(t) instanceof Integer value ? value : -1;
        } catch (ReflectiveOperationException notSmtp) {
            return -1;
        }
    }
}
