package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.mail.OutboxClaims;
import org.cfcr.petitions.mail.QueuedEmail;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mail server's story: down, restarted under kept connections, and shared by two senders, while no email is lost
 * or sent twice.
 */
@MicronautTest(transactional = false)
class MailServerGoesDown extends ServiceTest {

    @Inject
    OutboxClaims outbox;

    @AfterEach
    void smtp_back_up() {
        TestMailServer.start();
    }

    @Test
    void while_smtp_is_down_emails_wait_and_they_arrive_once_it_is_back() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("patient");
        TestMailServer.stop();

        assertEquals(303, browser().sign(campaign.slug(), signer("Patient Signer", email)).status(),
                "signing does not depend on the mail server");
        eventually(Duration.ofSeconds(10), () -> queryLong("SELECT COALESCE(MAX(o.attempts), 0) FROM outbox_email o "
                + "JOIN signature s ON s.id = o.signature_id WHERE s.campaign_id = ?", campaign.id()) >= 2,
                "the sender tried and failed at least twice");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM outbox_email o JOIN signature s ON s.id = o.signature_id "
                + "WHERE s.campaign_id = ? AND o.status = 'PENDING' AND o.last_error IS NOT NULL", campaign.id()));

        TestMailServer.start();
        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        assertTrue(mail.text().contains("/confirm/"));
        eventually(Duration.ofSeconds(5), () -> queryLong("SELECT COUNT(*) FROM outbox_email o JOIN signature s "
                + "ON s.id = o.signature_id WHERE s.campaign_id = ? AND o.status = 'SENT'", campaign.id()) == 1,
                "the outbox row is marked sent");
        assertEquals(1, TestMailServer.messagesTo(email).size(), "sent once");
    }

    @Test
    void open_connections_the_server_dropped_between_emails_cost_no_failed_attempt() {
        Campaign campaign = openCampaign();
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            before.add(uniqueEmail("before"));
            browser().sign(campaign.slug(), signer("Before Restart", before.get(i)));
        }
        before.forEach(TestMailServer::awaitMessage); // sent several at a time: several connections are kept
        TestMailServer.stop();
        TestMailServer.start(); // every kept connection is dead, and the sender does not know yet

        List<String> after = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            after.add(uniqueEmail("after"));
            browser().sign(campaign.slug(), signer("After Restart", after.get(i)));
        }
        after.forEach(TestMailServer::awaitMessage);
        List<Long> afterRestart = storedSignatures(campaign).stream()
                .filter(signature -> signature.name().equals("After Restart")).map(signature -> signature.id()).toList();
        assertEquals(after.size(), afterRestart.size());
        eventually(Duration.ofSeconds(5), () -> afterRestart.stream().allMatch(id -> queryLong("SELECT COUNT(*) "
                + "FROM outbox_email o WHERE o.signature_id = ? AND o.status = 'SENT' AND o.attempts = 1 "
                + "AND o.last_error IS NULL", id) == 1),
                "each sent at its first attempt, on a new connection");
        after.forEach(email -> assertEquals(1, TestMailServer.messagesTo(email).size(), "sent once"));
    }

    @Test
    void two_nodes_claiming_at_once_never_take_the_same_email() throws Exception {
        Campaign campaign = openCampaign();
        TestMailServer.stop(); // keep this node's own sender from delivering while we claim by hand
        List<Long> signatureIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            browser().sign(campaign.slug(), signer("Claimed " + i, uniqueEmail("claim")));
        }
        Instant future = Instant.now().plusSeconds(3600); // everything is due
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<QueuedEmail>>> claims = new ArrayList<>();
        for (int node = 0; node < 4; node++) {
            String name = "test-node-" + node;
            claims.add(nodes.submit(() -> {
                start.await();
                List<QueuedEmail> mine = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    // two claims may deadlock, as two nodes' may: the loser's claim is rolled back
                    // whole and tried again, as the sender's next pass does
                    mine.addAll(Sql.onceMoreOnConflict(() -> outbox.claim(name, future, 10, Duration.ofHours(2))));
                }
                return mine;
            }));
        }
        start.countDown();
        Set<Long> seen = Collections.synchronizedSet(new HashSet<>());
        int total = 0;
        for (Future<List<QueuedEmail>> claim : claims) {
            for (QueuedEmail claimed : claim.get()) {
                assertTrue(seen.add(claimed.id()), "email " + claimed.id() + " claimed twice");
                total++;
            }
        }
        nodes.shutdown();
        assertEquals(seen.size(), total);
        assertTrue(total >= 60, "all due emails were claimed, got " + total);
        signatureIds.clear();
    }
}
