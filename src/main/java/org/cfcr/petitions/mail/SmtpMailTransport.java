package org.cfcr.petitions.mail;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.email.Email;
import io.micronaut.email.EmailException;
import io.micronaut.email.EmailSender;
import io.micronaut.email.MultipartBody;
import jakarta.inject.Singleton;
import jakarta.mail.SendFailedException;

/** Delivers through the SMTP server named by SMTP_HOST, with Micronaut Email (JavaMail). */
@Singleton
@Requires(property = "smtp.host")
class SmtpMailTransport implements MailTransport {

    private final EmailSender<Object, ?> sender;
    private final String from;

    @SuppressWarnings("unchecked")
    SmtpMailTransport(EmailSender<?, ?> sender, @Value("${petitions.mail.from}") String from) {
        this.sender = (EmailSender<Object, ?>) sender;
        this.from = from;
    }

    @Override
    public void deliver(OutgoingEmail email) {
        try {
            Email.Builder message = Email.builder()
                    .from(from)
                    .to(email.to())
                    .subject(email.subject())
                    .body(new MultipartBody(email.html(), email.text()));
            // Micronaut Email has no custom headers; JavaMail's message takes them before sending
            sender.send(message, request -> email.headers().forEach((name, value) -> setHeader(request, name, value)));
        } catch (EmailException e) {
            throw new MailDeliveryException(rootMessage(e), isPermanent(e), e);
        }
    }

    private static void setHeader(Object request, String name, String value) {
        try {
            ((jakarta.mail.Message) request).setHeader(name, value);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException("Cannot set header " + name, e);
        }
    }

    /** A recipient the server refuses outright; connection trouble and timeouts are temporary. */
    private static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                    && sendFailed.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
