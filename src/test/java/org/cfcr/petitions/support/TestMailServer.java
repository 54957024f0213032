package org.cfcr.petitions.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) on one port for the whole test run; it can be stopped to play an outage. */
public final class TestMailServer {

    private static final int PORT = ServiceTest.freePort();
    private static GreenMail server;

    private TestMailServer() {
    }

    public static int port() {
        return PORT;
    }

    public static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** A received email, reduced to what tests look at. */
    public record Mail(String to, String subject, String text, String html, java.util.Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    public static List<Mail> messagesTo(String address) {
        List<Mail> found = new ArrayList<>();
        GreenMail current;
        synchronized (TestMailServer.class) {
            current = server;
        }
        if (current == null) {
            return found;
        }
        for (MimeMessage message : current.getReceivedMessages()) {
            try {
                boolean matches = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address));
                if (matches) {
                    found.add(read(address, message));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** How many emails went to addresses whose domain ends with the suffix (a flood's domains). */
    public static long countToDomainsEndingWith(String suffix) {
        GreenMail current;
        synchronized (TestMailServer.class) {
            current = server;
        }
        if (current == null) {
            return 0;
        }
        String ending = suffix.toLowerCase(java.util.Locale.ROOT);
        long count = 0;
        for (MimeMessage message : current.getReceivedMessages()) {
            try {
                for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
                    if (recipient.toString().toLowerCase(java.util.Locale.ROOT).endsWith(ending)) {
                        count++;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return count;
    }

    /** Waits until the address has received {@code count} emails, and returns them. */
    public static List<Mail> awaitMessages(String address, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Mail> mails = messagesTo(address);
            if (mails.size() >= count) {
                return mails;
            }
            sleep(50);
        }
        throw new AssertionError("Expected " + count + " email(s) to " + address + " within " + timeout
                + ", got " + messagesTo(address).size());
    }

    public static Mail awaitMessage(String address) {
        return awaitMessages(address, 1, Duration.ofSeconds(10)).get(0);
    }

    /** The parts of a received message a test reads. */
    public static Mail read(String address, MimeMessage message) throws Exception {
        String text = null;
        String html = null;
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                Object body = part.getContent();
                if (body instanceof Multipart nested) {
                    for (int j = 0; j < nested.getCount(); j++) {
                        BodyPart inner = nested.getBodyPart(j);
                        if (inner.isMimeType("text/plain")) {
                            text = (String) inner.getContent();
                        } else if (inner.isMimeType("text/html")) {
                            html = (String) inner.getContent();
                        }
                    }
                } else if (part.isMimeType("text/plain")) {
                    text = (String) body;
                } else if (part.isMimeType("text/html")) {
                    html = (String) body;
                }
            }
        } else if (content instanceof String plain) {
            text = plain;
        }
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (var headerLines = message.getAllHeaders(); headerLines.hasMoreElements(); ) {
            jakarta.mail.Header header = headerLines.nextElement();
            headers.put(header.getName().toLowerCase(java.util.Locale.ROOT), header.getValue());
        }
        return new Mail(address, message.getSubject(), text, html, headers);
    }


    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
