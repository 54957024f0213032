package org.cfcr.petitions.journeys;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A crowd's story: many signing and confirming at the same moment, each ending exactly as if they had come alone. */
@MicronautTest(transactional = false)
class CrowdSignsAtOnce extends ServiceTest {

    // Signatures that arrive together are committed together: new signers, repeat signers, the same signer twice at
    // once, and a closed campaign, in one crowd. Each must end exactly as if it had come alone.

    @Test
    void a_crowd_signing_at_once_is_stored_and_emailed_as_if_each_came_alone() throws Exception {
        Campaign campaign = openCampaign();
        Campaign other = openCampaign();
        Campaign closed = campaign(CampaignState.CLOSED, null, Instant.now().minus(Duration.ofDays(30)));
        List<String> repeatPending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            repeatPending.add(uniqueEmail("pending" + i));
            assertEquals(202, sign(campaign, repeatPending.get(i), "First Name"));
            TestMailServer.awaitMessage(repeatPending.get(i));
        }
        String confirmed = uniqueEmail("confirmed");
        assertEquals(202, sign(campaign, confirmed, "Already Counted"));
        confirmAs(confirmed);

        List<String> fresh = new ArrayList<>();
        List<Callable<Integer>> crowd = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String email = uniqueEmail("new" + i);
            fresh.add(email);
            crowd.add(() -> sign(campaign, email, "New Signer"));
        }
        for (int i = 0; i < 5; i++) {
            String email = fresh.get(i); // pressed "sign" twice
            crowd.add(() -> sign(campaign, email, "New Signer"));
        }
        for (String email : repeatPending) {
            crowd.add(() -> sign(campaign, email, "Corrected Name"));
        }
        crowd.add(() -> sign(campaign, confirmed, "Already Counted"));
        String elsewhere = uniqueEmail("elsewhere");
        crowd.add(() -> sign(other, elsewhere, "Other Campaign"));
        crowd.add(() -> sign(closed, uniqueEmail("late"), "Too Late"));

        List<Integer> answers = signTogether(campaign, crowd);

        for (int i = 0; i < answers.size() - 1; i++) {
            assertEquals(202, answers.get(i), "signature " + i + " is taken");
        }
        assertEquals(409, answers.get(answers.size() - 1), "the closed campaign refuses, alone");
        assertEquals(40 + 5 + 1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", other.id()));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", closed.id()));
        assertEquals(5, storedSignatures(campaign).stream().filter(signature -> signature.name().equals("First Name"))
                .count(), "a submission never changes another's signature");
        assertEquals(0, queryLong("SELECT COUNT(*) FROM resubmission r JOIN signature s ON s.id = r.signature_id "
                + "WHERE s.campaign_id = ?", campaign.id()), "a repeat no link was sent for is not kept: nothing could publish it");
        for (String email : fresh) {
            TestMailServer.awaitMessage(email);
        }
        TestMailServer.awaitMessage(elsewhere);
        awaitMailSettled(campaign);
        for (String email : fresh) {
            assertEquals(1, TestMailServer.messagesTo(email).size(), "one email for " + email);
        }
        for (String email : repeatPending) {
            assertEquals(1, TestMailServer.messagesTo(email).size(), "no second email within the resend interval");
        }
        assertEquals(1, TestMailServer.messagesTo(confirmed).size(), "no notice within the resend interval");

        for (String email : fresh.subList(0, 3)) {
            confirmAs(email);
        }
        awaitCount(campaign, 1 + 3);
    }

    // Another node may store an address of the crowd after the batch looked for it and before the batch's insert:
    // the insert then fails on that address, the batch is rolled back, and each of it is signed alone.

    @Test
    void an_address_another_node_stores_in_the_middle_of_a_batch_loses_no_one_and_emails_no_one_twice() throws Exception {
        Campaign campaign = openCampaign();
        Campaign elsewhere = openCampaign();
        Campaign decoy = openCampaign();
        String contested = uniqueEmail("contested");
        assertEquals(202, sign(elsewhere, contested, "Contested Signer"));
        TestMailServer.awaitMessage(contested);
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fresh.add(uniqueEmail("beside" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(fresh.size() + 2);
        try (Connection otherNode = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Connection decoyHolder = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            // the other node's row for the contested address on this campaign, written and not yet committed
            otherNode.setAutoCommit(false);
            // as the other node's batch: no gap locks that would hold strangers' inserts beside it
            otherNode.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            copySignature(otherNode, elsewhere, campaign);
            // a lone signature waits on a held campaign (its insert checks the campaign exists) while the crowd
            // gathers behind it into one batch
            holdRow(decoyHolder, "campaign", decoy.id());
            Future<Integer> first = pool.submit(() -> sign(decoy, uniqueEmail("decoy"), "Decoy Signer"));
            TestMailServer.sleep(300);
            List<Future<Integer>> crowd = new ArrayList<>();
            for (String email : fresh) {
                crowd.add(pool.submit(() -> sign(campaign, email, "Crowd Signer")));
            }
            crowd.add(pool.submit(() -> sign(campaign, contested, "Contested Signer")));
            TestMailServer.sleep(700);
            decoyHolder.rollback();
            assertEquals(202, first.get());
            TestMailServer.sleep(700);
            assertEquals(0, crowd.stream().filter(Future::isDone).count(),
                    "the crowd's batch waits on the other node's row, all of it together");
            otherNode.commit();
            for (Future<Integer> answer : crowd) {
                assertEquals(202, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(fresh.size() + 1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
        for (String email : fresh) {
            TestMailServer.awaitMessage(email);
        }
        awaitMailSettled(campaign);
        for (String email : fresh) {
            assertEquals(1, TestMailServer.messagesTo(email).size(), "one email for " + email);
        }
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND email_key = ?", campaign.id(),
                mailboxKey(contested)), "the contested address has the other node's signature, and only that");
        assertEquals(1, TestMailServer.messagesTo(contested).size(), "no second email within the resend interval");
    }

    /** Writes a copy of the campaign's one signature onto another campaign, as a node signing the same mailbox would. */
    private void copySignature(Connection connection, Campaign from, Campaign to) throws Exception {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement names = connection.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = DATABASE() AND table_name = 'signature' AND column_name <> 'id' ORDER BY ordinal_position")) {
            try (var rows = names.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        String values = String.join(", ", columns.stream().map(c -> c.equalsIgnoreCase("campaign_id") ? "?" : c).toList());
        try (PreparedStatement copy = connection.prepareStatement("INSERT INTO signature (" + String.join(", ", columns)
                + ") SELECT " + values + " FROM signature WHERE campaign_id = ?")) {
            copy.setLong(1, to.id());
            copy.setLong(2, from.id());
            assertEquals(1, copy.executeUpdate());
        }
    }

    /**
     * Holds the campaign's row while the crowd arrives: the first signature waits on it (its insert
     * checks the campaign exists), so the others gather behind it and go in as one batch.
     */
    private List<Integer> signTogether(Campaign campaign, List<Callable<Integer>> crowd) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(crowd.size());
        List<Future<Integer>> answers = new ArrayList<>();
        try (Connection holder = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            holdRow(holder, "campaign", campaign.id());
            CountDownLatch go = new CountDownLatch(1);
            for (Callable<Integer> signer : crowd) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return signer.call();
                }));
            }
            go.countDown();
            TestMailServer.sleep(1500);
            holder.rollback();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        return statuses;
    }

    private int sign(Campaign campaign, String email, String name) {
        return browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"country\":\"HK\",\"publicDisplay\":\"INITIALS\"}")
                .status();
    }

    // Confirmations that arrive together are committed together; each must still count exactly once.

    private record Click(Browser browser, String path, String csrfToken) {
    }

    @Test
    void a_crowd_pressing_confirm_at_once_counts_each_signature_once() throws Exception {
        Campaign campaign = openCampaign();
        int signers = 40;
        int twice = 10; // these open their link on two devices and press both buttons at the same moment
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < signers; i++) {
            String email = uniqueEmail("crowd" + i);
            emails.add(email);
            assertEquals(202, signJson(browser(), campaign, email).status());
        }
        List<Click> clicks = new ArrayList<>();
        for (int i = 0; i < signers; i++) {
            String path = URI.create(confirmLink(TestMailServer.awaitMessage(emails.get(i)))).getPath();
            for (int device = 0; device < (i < twice ? 2 : 1); device++) {
                Browser browser = browser();
                clicks.add(new Click(browser, path, browser.get(path).csrfToken()));
            }
        }
        clicks.add(new Click(browser(), clicks.get(1).path(), clicks.get(0).csrfToken()));

        ExecutorService crowd = Executors.newFixedThreadPool(clicks.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (Click click : clicks) {
            answers.add(crowd.submit(() -> {
                go.await();
                return click.browser().postForm(click.path(), Map.of("csrfToken", click.csrfToken())).status();
            }));
        }
        go.countDown();
        int confirmedNow = 0;
        int alreadyConfirmed = 0;
        for (int i = 0; i < answers.size() - 1; i++) {
            int status = answers.get(i).get();
            if (status == 303) {
                confirmedNow++;
            } else {
                assertEquals(200, status, "a second link of a confirmed signature shows 'already confirmed'");
                alreadyConfirmed++;
            }
        }
        crowd.shutdown();
        assertEquals(403, (int) answers.get(answers.size() - 1).get(), "another browser's CSRF token is refused");
        assertEquals(signers, confirmedNow, "each signature confirmed once");
        assertEquals(twice, alreadyConfirmed);
        awaitCount(campaign, signers);
        assertEquals(signers, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED'",
                campaign.id()));
    }

    @Test
    void an_unknown_token_in_the_crowd_gets_its_own_answer() {
        Browser browser = browser();
        String csrfToken = browser.get("/admin/login").csrfToken(); // any page with this browser's token
        Browser.Page page = browser.postForm("/confirm/" + "y".repeat(43), Map.of("csrfToken", csrfToken));
        assertEquals(404, page.status());
    }
}
