package org.cfcr.petitions.mail;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Without an SMTP server (the embedded default for trying the service), emails are written to a
 * folder (data/mail by default) as .html and .txt files, and the log says where: one can read the
 * confirmation email and click its link without any mail setup.
 */
@Singleton
@Requires(condition = SmtpServerSet.Unset.class)
class MailboxFolderTransport implements MailTransport {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxFolderTransport.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path folder;
    private final Senders senders;
    private final AtomicLong sequence = new AtomicLong();

    MailboxFolderTransport(MailSettings settings, Senders senders, @Value("${petitions.data-dir}") String dataDir) {
        this.senders = senders;
        String folder = settings.folder() == null ? "" : settings.folder();
        this.folder = folder.isBlank() ? Path.of(dataDir, "mail") : Path.of(folder);
    }

    @Override
    public void deliver(OutgoingEmail email) {
        try {
            Files.createDirectories(folder);
            String base = STAMP.format(LocalDateTime.now()) + "-" + sequence.incrementAndGet();
            Path html = folder.resolve(base + ".html");
            Files.writeString(html, email.html(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(base + ".txt"), "From: " + senders.of(email.sender()).getNameAddress()
                    + "\nTo: " + email.to() + "\nSubject: " + email.subject() + "\n\n" + email.text(),
                    StandardCharsets.UTF_8);
            LOG.info("No SMTP_HOST set: email \"{}\" saved as {} (and .txt); open it in a browser", email.subject(),
                    html.toAbsolutePath());
        } catch (IOException e) {
            throw new MailDeliveryException("Cannot write to " + folder, false, new UncheckedIOException(e));
        }
    }
}
