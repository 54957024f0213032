package org.cfcr.petitions.mail;

import io.micronaut.context.annotation.Requires;
import io.micronaut.email.Email;
import io.micronaut.email.EmailException;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.javamail.sender.JavaxEmailComposer;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimePart;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Delivers through the SMTP server named by SMTP_HOST. Micronaut Email composes the message;
 * sending goes over connections kept open between emails ({@link SmtpConnections}), because
 * Micronaut Email's sender opens and closes one per message, which capped the outbox at about
 * 100 emails a second.
 */
@Singleton
@Requires(condition = SmtpServerSet.class)
class SmtpMailTransport implements MailTransport {

    private final JavaxEmailComposer composer;
    private final SmtpConnections connections;
    private final Senders senders;

    SmtpMailTransport(JavaxEmailComposer composer, SessionProvider session, MailSettings settings, Senders senders) {
        this.composer = composer;
        this.connections = new SmtpConnections(session.session(), settings.messagesPerConnection(),
                settings.connectionIdle().toMillis(), System::currentTimeMillis);
        this.senders = senders;
    }

    @Override
    public void deliver(OutgoingEmail email) {
        Message message = compose(email);
        try {
            send(message);
        } catch (MessagingException | IllegalStateException e) {
            // IllegalStateException: JavaMail's "not connected", a connection that went away
            throw new MailDeliveryException(SmtpFailures.describe(e), isPermanent(e), e);
        }
    }

    /**
     * A kept connection that fails may just have been dropped by the server (idle, restarted):
     * the email gets one more try on a new connection. Not after a timeout: the server may have
     * taken the message and be slow to say so, and a second try would send it twice.
     */
    private void send(Message message) throws MessagingException {
        SmtpConnections.Connection connection = connections.borrow();
        try {
            connection.transport().sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            connections.discard(connection);
            if (!connection.reused() || isPermanent(e) || isTimeout(e)) {
                throw e;
            }
            connections.discardIdle();
            connection = connections.open();
            try {
                connection.transport().sendMessage(message, message.getAllRecipients());
            } catch (MessagingException | RuntimeException again) {
                connections.discard(connection);
                throw again;
            }
        }
        connections.giveBack(connection);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private Message compose(OutgoingEmail email) {
        try {
            Message message = composer.compose(Email.builder()
                    .from(senders.of(email.sender()))
                    .to(email.to())
                    .subject(email.subject())
                    .body(new MultipartBody(email.html(), email.text()))
                    .build());
            // Micronaut Email has no custom headers; JavaMail's message takes them
            for (var header : email.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            chooseTransferEncodings(message);
            message.saveChanges(); // Transport.send would; sendMessage on an open connection does not
            return message;
        } catch (EmailException | MessagingException | IOException e) {
            throw new MailDeliveryException(SmtpFailures.describe(e), true, e);
        }
    }

    /**
     * Says how each text part is encoded, so that JavaMail need not find out by writing the whole
     * text through a scanning stream, once more per email: quoted-printable for ASCII,
     * base64 for anything else (Chinese in quoted-printable would be three times its size).
     */
    private static void chooseTransferEncodings(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                chooseTransferEncodings(multipart.getBodyPart(i));
            }
        } else if (content instanceof String text && part instanceof MimePart mime) {
            mime.setHeader("Content-Transfer-Encoding", isAscii(text) ? "quoted-printable" : "base64");
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    @PreDestroy
    void close() {
        connections.close();
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
}
