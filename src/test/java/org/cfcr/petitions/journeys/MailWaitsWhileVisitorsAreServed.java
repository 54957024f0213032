package org.cfcr.petitions.journeys;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.kernel.web.VisitorLoad;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a surge the processors go to the people waiting on a page or a signature: a confirmation
 * email waits for spare capacity until it has waited the patience, then goes. The surge is played by a
 * load signal the test holds; the signature, the outbox, the clock's patience and the SMTP server
 * are the service's own.
 */
@MicronautTest(transactional = false)
class MailWaitsWhileVisitorsAreServed extends ServiceTest {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    @Inject
    HeldVisitorLoad load;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.mail.patience", "10m", "test.visitor-load", "held");
    }

    @AfterEach
    void crowd_gone() {
        load.busy = false;
    }

    @Test
    void in_a_surge_the_signature_is_kept_at_once_and_its_email_goes_when_it_has_waited_the_patience() {
        load.busy = true;
        Campaign campaign = openCampaign();
        String email = uniqueEmail("surge");

        assertEquals(303, browser().sign(campaign.slug(), signer("Surge Signer", email)).status());
        assertEquals(1, pendingEmails(campaign), "the signature and its email are stored at once");
        TestMailServer.sleep(1500); // fifteen polls of the outbox
        assertEquals(0, TestMailServer.messagesTo(email).size(), "the email waits while the surge lasts");

        clock.advance(PATIENCE.minusSeconds(60));
        TestMailServer.sleep(1000);
        assertEquals(0, TestMailServer.messagesTo(email).size(), "short of its patience, it still waits");

        clock.advance(Duration.ofSeconds(60));
        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        assertTrue(mail.text().contains("/confirm/"), "once it has waited the patience it goes, surge or not");
        assertEquals(1, TestMailServer.messagesTo(email).size());
    }

    @Test
    void once_the_surge_is_over_the_waiting_emails_go_at_once() {
        load.busy = true;
        Campaign campaign = openCampaign();
        String first = uniqueEmail("waiting");
        String second = uniqueEmail("waiting");
        browser().sign(campaign.slug(), signer("First Waiting", first));
        browser().sign(campaign.slug(), signer("Second Waiting", second));
        TestMailServer.sleep(1000);
        assertEquals(0, TestMailServer.messagesTo(first).size() + TestMailServer.messagesTo(second).size());

        load.busy = false;
        TestMailServer.awaitMessages(first, 1, Duration.ofSeconds(3));
        TestMailServer.awaitMessages(second, 1, Duration.ofSeconds(3));
    }

    private long pendingEmails(Campaign campaign) {
        return queryLong("SELECT COUNT(*) FROM outbox_email o JOIN signature s ON s.id = o.signature_id "
                + "WHERE s.campaign_id = ? AND o.status = 'PENDING'", campaign.id());
    }

    /** The surge, as this test says it is. */
    @Singleton
    @Replaces(VisitorLoad.class)
    @Requires(property = "test.visitor-load", value = "held")
    static class HeldVisitorLoad extends VisitorLoad {

        volatile boolean busy;

        @Override
        public boolean keepProcessorsBusy() {
            return busy;
        }
    }
}
