package org.cfcr.petitions.journeys;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.SigningSettings;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.RefusingSmtpServer;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A signer whose mailbox later refuses our mail: the refusal, which names the address, is kept
 * neither in the log nor in the database, and once the signer withdraws nothing holds the address.
 */
@MicronautTest(transactional = false)
class MailServerRefusesAnAddress extends ServiceTest {

    @Inject
    SigningSettings signing;

    private final RefusingSmtpServer smtp = new RefusingSmtpServer();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @Override
    protected Map<String, String> extraProperties() {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        return Map.of("smtp.port", Integer.toString(smtp.port()));
    }

    @AfterAll
    void stop_listening() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        smtp.close();
    }

    @Test
    void a_refusal_naming_the_address_leaves_no_trace_once_the_signer_withdraws() {
        Campaign campaign = openCampaign();
        String local = "refused-" + System.nanoTime();
        String email = local + "@example.org";
        Browser supporter = browser();
        supporter.sign(campaign.slug(), signer("Refused Later", email));
        eventually(Duration.ofSeconds(10), () -> !smtp.messagesTo(email).isEmpty(), "the confirmation email arrives");
        TestMailServer.Mail confirmation = smtp.messagesTo(email).get(0);
        assertEquals(303, supporter.confirm(confirmLink(confirmation)).status());

        // the mailbox is closed; signing again asks for an "already signed" email, which is refused
        smtp.refuse(email);
        clock.advance(signing.resendInterval());
        supporter.sign(campaign.slug(), signer("Refused Later", email));
        eventually(Duration.ofSeconds(10), () -> queryLong("SELECT COUNT(*) FROM outbox_email o JOIN signature s "
                + "ON s.id = o.signature_id WHERE s.campaign_id = ? AND o.status = 'FAILED'", campaign.id()) == 1,
                "the refused email is given up at once");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM outbox_email o JOIN signature s ON s.id = o.signature_id "
                + "WHERE s.campaign_id = ? AND o.last_error = 'SMTPAddressFailedException 550 5.1.1'", campaign.id()),
                "the server's codes are kept, not its words");

        String path = URI.create(withdrawLink(confirmation)).getPath();
        assertEquals(303, supporter.postForm(path, Map.of("csrfToken", supporter.get(path).csrfToken())).status());

        assertEquals(List.of(), columnsHolding(local), "no table holds the address");
        List<String> logged = new ArrayList<>();
        for (ILoggingEvent event : log.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            if (line.contains(local)) {
                logged.add(line);
            }
        }
        assertEquals(List.of(), logged, "no log line holds the address");
    }

    /** Every text column of every table in the database, searched for the text: what a dump would show. */
    private List<String> columnsHolding(String text) {
        List<String> found = new ArrayList<>();
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            Map<String, String> columns = new HashMap<>();
            try (PreparedStatement list = connection.prepareStatement("SELECT table_name, column_name FROM "
                    + "information_schema.columns WHERE table_schema = DATABASE() AND data_type IN "
                    + "('char', 'varchar', 'text', 'mediumtext', 'longtext', 'tinytext')");
                 ResultSet rows = list.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1) + "." + rows.getString(2), rows.getString(1));
                }
            }
            for (Map.Entry<String, String> column : columns.entrySet()) {
                String name = column.getKey().substring(column.getKey().indexOf('.') + 1);
                try (PreparedStatement search = connection.prepareStatement("SELECT COUNT(*) FROM `" + column.getValue()
                        + "` WHERE `" + name + "` LIKE ?")) {
                    search.setString(1, "%" + text + "%");
                    try (ResultSet count = search.executeQuery()) {
                        count.next();
                        if (count.getLong(1) > 0) {
                            found.add(column.getKey());
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
