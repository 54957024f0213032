package org.cfcr.petitions.mail;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.util.StreamProvider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * The JavaMail session, from SMTP_HOST, SMTP_PORT, SMTP_STARTTLS, SMTP_USERNAME and SMTP_PASSWORD.
 * Authentication switches on when a username is given; timeouts keep a hung server from holding
 * the outbox sender. A private session, not JavaMail's JVM-wide default one, so nothing else in
 * the process can see or replace our credentials.
 */
@Factory
@Requires(condition = SmtpServerSet.class)
class SmtpSessionFactory {

    @Singleton
    @Replaces(DefaultSessionProvider.class)
    SessionProvider session(SmtpSettings smtp, MailSettings mail) {
        String host = smtp.host();
        int port = smtp.port();
        boolean startTls = smtp.starttls();
        String username = smtp.username() == null ? "" : smtp.username();
        String password = smtp.password() == null ? "" : smtp.password();
        String from = mail.from();
        // Jakarta Mail looks its stream provider up with a ServiceLoader scan of the class path for
        // every body part it builds or writes, a cost paid per email; naming it in the system
        // property that lookup reads first skips the scan
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.auth", Boolean.toString(!username.isBlank()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        properties.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        // STARTTLS with a server whose name is not checked would let anyone on the way answer as it
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "15000");
        properties.put("mail.smtp.writetimeout", "15000");
        properties.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        // the Message-ID's domain; without it JavaMail looks up this host's name for every email
        properties.put("mail.from", from);
        Session session = Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(username, password);
            }
        });
        return () -> session;
    }

    /**
     * Sockets that send each write at once. With Nagle's algorithm on, the end of a message
     * (".") waits for the server to acknowledge the body, and servers delay that acknowledgement
     * by tens of milliseconds, longer than sending the email itself on an open connection.
     */
    static final class NoDelaySocketFactory extends SocketFactory {

        private final SocketFactory plain = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(plain.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(plain.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(plain.createSocket(address, port, localAddress, localPort));
        }

        private static Socket noDelay(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
