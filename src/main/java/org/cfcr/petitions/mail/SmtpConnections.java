package org.cfcr.petitions.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;

/**
 * Open SMTP connections kept between emails. Opening one costs a TCP handshake, the greeting,
 * EHLO and, in production, STARTTLS and AUTH: several round trips, more than sending the message
 * itself. Each sender thread
 * borrows a connection and gives it back; a connection is retired after {@code maxMessages} (many
 * servers cap messages per connection) or after {@code maxIdleMillis} unused (servers drop idle
 * clients after a few minutes, and a dropped connection is only noticed when a send fails).
 */
final class SmtpConnections implements AutoCloseable {

    /** One open connection and how it has been used. */
    static final class Connection {
        private final Transport transport;
        private int sent;
        private long lastUsed;

        private Connection(Transport transport, long now) {
            this.transport = transport;
            this.lastUsed = now;
        }

        Transport transport() {
            return transport;
        }

        /** True once a message went through it: a failure may then be the server having dropped it. */
        boolean reused() {
            return sent > 0;
        }
    }

    private final Session session;
    private final int maxMessages;
    private final long maxIdleMillis;
    private final LongSupplier millis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    SmtpConnections(Session session, int maxMessages, long maxIdleMillis, LongSupplier millis) {
        this.session = session;
        this.maxMessages = maxMessages;
        this.maxIdleMillis = maxIdleMillis;
        this.millis = millis;
    }

    /** An open connection, reused when a fresh enough one is idle, else newly opened. */
    Connection borrow() throws MessagingException {
        long now = millis.getAsLong();
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            // not Transport.isConnected(): it asks the server (NOOP), a round trip per email
            if (now - connection.lastUsed < maxIdleMillis) {
                return connection;
            }
            discard(connection);
        }
        return open();
    }

    /** A newly opened connection, never a kept one. */
    Connection open() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        transport.connect();
        return new Connection(transport, millis.getAsLong());
    }

    /** After a successful send: kept for the next email unless it has carried its share. */
    void giveBack(Connection connection) {
        connection.sent++;
        connection.lastUsed = millis.getAsLong();
        if (connection.sent >= maxMessages) {
            discard(connection);
        } else {
            idle.offerFirst(connection); // most recently used first, so surplus ones age out
        }
    }

    /** After a failure: the connection's state is unknown, so it is closed rather than reused. */
    void discard(Connection connection) {
        try {
            connection.transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // closing a broken connection can fail too; nothing is left to clean up
        }
    }

    /** After a kept connection turned out dead: the others were opened as long ago, so they go too. */
    void discardIdle() {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            discard(connection);
        }
    }

    @Override
    public void close() {
        discardIdle();
    }
}
