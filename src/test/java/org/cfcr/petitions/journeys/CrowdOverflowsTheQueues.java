package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.ConfirmationBatcher;
import org.cfcr.petitions.signature.LinkPageReads;
import org.cfcr.petitions.signature.SigningBatcher;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crowd arrives while the database is slow (a table held by another session): signatures and
 * confirmations wait for their batch only up to a bound per node, and one network only up to its
 * share. Past it the person is told at once to try again, and nothing of theirs is stored; every
 * one who was answered "check your email" has a row.
 */
@MicronautTest(transactional = false)
class CrowdOverflowsTheQueues extends ServiceTest {

    @Inject
    SigningBatcher signingQueue;

    @Inject
    ConfirmationBatcher confirmationQueue;

    @Inject
    LinkPageReads linkPages;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.queues.signing-per-node", "3", "petitions.queues.signing-per-network", "2",
                "petitions.queues.confirming-per-node", "2", "petitions.queues.confirming-per-network", "1",
                "petitions.queues.link-pages-per-node", "2", "petitions.queues.link-pages-per-network", "1");
    }

    @Test
    void past_the_signing_bound_a_signer_is_told_to_retry_with_nothing_stored_and_a_retry_goes_through() throws Exception {
        Campaign campaign = openCampaign();
        String first = uniqueEmail("first");
        String second = uniqueEmail("second");
        String sameNetwork = uniqueEmail("same-network");
        String elsewhere = uniqueEmail("elsewhere");
        String formSigner = uniqueEmail("form");
        CompletableFuture<Browser.Page> firstAnswer;
        CompletableFuture<Browser.Page> secondAnswer;
        CompletableFuture<Browser.Page> elsewhereAnswer;
        try (Held held = holding("outbox_email")) {
            firstAnswer = CompletableFuture.supplyAsync(() -> signJson(browser().from("198.51.100.10"), campaign, first));
            awaitWaiting(signingQueue::waiting, 1);
            secondAnswer = CompletableFuture.supplyAsync(() -> signJson(browser().from("198.51.100.11"), campaign, second));
            awaitWaiting(signingQueue::waiting, 2);

            Browser.Page share = signJson(browser().from("198.51.100.12"), campaign, sameNetwork);
            assertEquals(429, share.status(), share.body());
            assertEquals("10", share.header("Retry-After"));
            assertTrue(share.body().contains("Too many signatures are being sent from your network"), share.body());

            elsewhereAnswer = CompletableFuture.supplyAsync(() -> signJson(browser().from("203.0.113.5"), campaign, elsewhere));
            awaitWaiting(signingQueue::waiting, 3);
            Browser.Page full = browser().from("192.0.2.9").sign(campaign.slug(), signer("Form Signer", formSigner));
            assertEquals(503, full.status(), full.body());
            assertEquals("5", full.header("Retry-After"));
            assertTrue(full.html().text().contains("Nothing was saved: please go back and press the button again"),
                    full.body());
            assertTrue(full.html().select("a[href=/campaigns/" + campaign.slug() + "]").size() > 0
                    || full.body().contains("/campaigns/" + campaign.slug()), "a way back to the campaign");
            Browser.Page fullInChinese = browser().from("192.0.2.9")
                    .post("/api/v1/campaigns/" + campaign.slug() + "/signatures?lang=zh", "application/json",
                            "{\"name\":\"A\",\"email\":\"" + formSigner + "\",\"country\":\"HK\",\"publicDisplay\":\"INITIALS\"}");
            assertEquals(503, fullInChinese.status());
            assertTrue(fullInChinese.body().contains("您的签名没有被保存"), fullInChinese.body());
        }
        assertEquals(202, firstAnswer.get().status());
        assertEquals(202, secondAnswer.get().status());
        assertEquals(202, elsewhereAnswer.get().status());
        assertEquals(3, signatureRows(campaign), "the three who were told to check their email, and no one else");
        for (String email : new String[]{first, second, elsewhere}) {
            TestMailServer.awaitMessage(email);
        }

        assertEquals(202, signJson(browser().from("198.51.100.12"), campaign, sameNetwork).status(), "the retry");
        assertEquals(303, browser().from("192.0.2.9").sign(campaign.slug(), signer("Form Signer", formSigner)).status());
        assertEquals(5, signatureRows(campaign));
        assertEquals(0, signingQueue.waiting());
    }

    @Test
    void past_the_confirmation_bound_a_click_changes_nothing_and_a_retry_confirms() throws Exception {
        Campaign campaign = openCampaign();
        String[] emails = {uniqueEmail("c1"), uniqueEmail("c2"), uniqueEmail("c3"), uniqueEmail("c4")};
        String[] paths = new String[emails.length];
        String[] csrf = new String[emails.length];
        Browser[] signers = new Browser[emails.length];
        String[] from = {"198.51.100.20", "198.51.100.21", "203.0.113.20", "192.0.2.20"};
        for (int i = 0; i < emails.length; i++) {
            signers[i] = browser().from(from[i]);
            assertEquals(303, signers[i].sign(campaign.slug(), signer("Signer " + i, emails[i])).status());
            paths[i] = URI.create(confirmLink(TestMailServer.awaitMessage(emails[i]))).getPath();
            csrf[i] = signers[i].get(paths[i]).csrfToken();
        }
        CompletableFuture<Browser.Page> firstClick;
        CompletableFuture<Browser.Page> otherClick;
        try (Held held = holding("signature")) {
            firstClick = CompletableFuture.supplyAsync(() -> press(signers[0], paths[0], csrf[0]));
            awaitWaiting(confirmationQueue::waiting, 1);
            Browser.Page share = press(signers[1], paths[1], csrf[1]);
            assertEquals(429, share.status(), share.body());
            assertEquals("10", share.header("Retry-After"));
            assertTrue(share.html().text().contains("Too many confirmations are being sent from your network"), share.body());

            otherClick = CompletableFuture.supplyAsync(() -> press(signers[2], paths[2], csrf[2]));
            awaitWaiting(confirmationQueue::waiting, 2);
            Browser.Page full = press(signers[3], paths[3], csrf[3]);
            assertEquals(503, full.status(), full.body());
            assertEquals("5", full.header("Retry-After"));
            assertTrue(full.html().text().contains("Nothing changed"), full.body());
        }
        assertEquals(303, firstClick.get().status());
        assertEquals(303, otherClick.get().status());
        assertEquals(2, confirmedRows(campaign), "only the clicks that were taken");
        assertEquals(303, press(signers[1], paths[1], csrf[1]).status(), "the retry");
        assertEquals(303, press(signers[3], paths[3], csrf[3]).status(), "the retry");
        assertEquals(4, confirmedRows(campaign));
    }

    @Test
    void past_the_link_page_bound_a_view_is_told_to_open_the_link_again_and_then_it_shows() throws Exception {
        Campaign campaign = openCampaign();
        String[] from = {"198.51.100.30", "198.51.100.31", "203.0.113.30", "192.0.2.30"};
        Browser[] signers = new Browser[from.length];
        String[] paths = new String[from.length];
        for (int i = 0; i < from.length; i++) {
            String email = uniqueEmail("view" + i);
            signers[i] = browser().from(from[i]);
            assertEquals(303, signers[i].sign(campaign.slug(), signer("Viewer " + i, email)).status());
            paths[i] = URI.create(confirmLink(TestMailServer.awaitMessage(email))).getPath();
        }
        CompletableFuture<Browser.Page> firstView;
        CompletableFuture<Browser.Page> otherView;
        try (Held held = holding("signature")) {
            firstView = CompletableFuture.supplyAsync(() -> signers[0].get(paths[0]));
            awaitWaiting(linkPages::waiting, 1);
            Browser.Page share = signers[1].get(paths[1]);
            assertEquals(429, share.status(), share.body());
            assertEquals("10", share.header("Retry-After"));
            assertTrue(share.html().text().contains("Too many links are being opened from your network"), share.body());

            otherView = CompletableFuture.supplyAsync(() -> signers[2].get(paths[2]));
            awaitWaiting(linkPages::waiting, 2);
            Browser.Page full = signers[3].get(paths[3]);
            assertEquals(503, full.status(), full.body());
            assertEquals("5", full.header("Retry-After"));
            assertTrue(full.html().text().contains("please open the link in your email again in a few seconds"),
                    full.body());
            assertFalse(full.body().contains("Viewer"), "no one's details on the refusal");
        }
        assertEquals("Viewer 0", firstView.get().html().selectFirst("input[name=name]").val());
        assertEquals("Viewer 2", otherView.get().html().selectFirst("input[name=name]").val());
        assertEquals("Viewer 1", signers[1].get(paths[1]).html().selectFirst("input[name=name]").val(), "the retry");
        assertEquals("Viewer 3", signers[3].get(paths[3]).html().selectFirst("input[name=name]").val(), "the retry");
        assertEquals(0, linkPages.waiting());
        assertEquals(0, confirmedRows(campaign), "opening a link confirms nothing");
    }

    private static Browser.Page press(Browser signer, String path, String csrfToken) {
        return signer.postForm(path, Map.of("csrfToken", csrfToken));
    }

    private void awaitWaiting(IntSupplier waiting, int expected) {
        eventually(Duration.ofSeconds(10), () -> waiting.getAsInt() >= expected, expected + " waiting");
    }

    private long signatureRows(Campaign campaign) {
        return queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id());
    }

    private long confirmedRows(Campaign campaign) {
        return queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED'", campaign.id());
    }
}
