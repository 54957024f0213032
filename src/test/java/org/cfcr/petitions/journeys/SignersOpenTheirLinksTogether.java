package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.signature.ConfirmationService;
import org.cfcr.petitions.signature.ConfirmationTokens;
import org.cfcr.petitions.signature.LinkPageReads;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.cfcr.petitions.update.UnsubscribeLinks;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a campaign's email wave, signers open their links at the same moment, and the service reads
 * the views that arrive together as one (one statement for many signers' links). The tests hold the
 * signature table until every view waits, so that the views are read as one batch. Each signer
 * still sees only what is theirs: their own details, their own campaign, their own link in the form,
 * their own browser's token; a made-up link among them is still unknown, and a row that cannot be
 * read fails its own view alone.
 */
@MicronautTest(transactional = false)
class SignersOpenTheirLinksTogether extends ServiceTest {

    private static final int SIGNERS = 12;
    private static final AtomicInteger NETWORKS = new AtomicInteger(0x7000);

    @Inject
    ConfirmationService confirmations;

    @Inject
    UnsubscribeLinks unsubscribeLinks;

    @Inject
    LinkPageReads linkPages;

    /** mark: a part of the name that no other signer's contains, and that escaping leaves as it is. */
    private record Signer(Campaign campaign, Browser browser, String name, String mark, String confirmPath,
                          String withdrawPath) {
    }

    @Test
    void signers_opening_their_links_at_the_same_moment_each_see_only_their_own() throws Exception {
        List<Campaign> campaigns = List.of(titled("Free the first prisoner"), titled("Free the second prisoner"));
        List<Signer> signers = signUp(campaigns);

        List<Browser.Page> confirmPages = together(signers, signer -> signer.browser().get(signer.confirmPath()),
                () -> browser().get("/confirm/" + "A".repeat(43)));
        for (int i = 0; i < SIGNERS; i++) {
            Signer signer = signers.get(i);
            Browser.Page page = confirmPages.get(i);
            assertEquals(200, page.status(), page.body());
            assertEquals(signer.name(), page.html().selectFirst("input[name=name]").val());
            assertEquals(signer.confirmPath(), page.html().selectFirst("form.confirm-form").attr("action"));
            assertOnlyTheirOwn(signers, signer, page);
        }
        assertEquals(404, confirmPages.get(SIGNERS).status(), "a made-up link among them is unknown");

        List<Browser.Page> withdrawPages = together(signers, signer -> signer.browser().get(signer.withdrawPath()),
                () -> browser().get("/withdraw/" + "B".repeat(43)));
        for (int i = 0; i < SIGNERS; i++) {
            Browser.Page page = withdrawPages.get(i);
            assertEquals(200, page.status(), page.body());
            assertEquals(signers.get(i).withdrawPath(), page.html().selectFirst("form").attr("action"));
            assertOnlyTheirOwn(signers, signers.get(i), page);
        }
        assertEquals(404, withdrawPages.get(SIGNERS).status());

        List<Long> ids = signers.stream().map(this::signatureId).toList();
        // each signer's own token confirms, as the page gave it to their browser
        for (int i = 0; i < SIGNERS; i++) {
            Signer signer = signers.get(i);
            assertEquals(303, signer.browser().submit(confirmPages.get(i), "form.confirm-form", Map.of()).status());
        }
        List<Browser.Page> unsubscribePages = together(ids, id -> browser().get("/unsubscribe/" + unsubscribeLinks.token(id)),
                () -> browser().get("/unsubscribe/" + unsubscribeLinks.token(999_999_999L)));
        for (int i = 0; i < SIGNERS; i++) {
            Browser.Page page = unsubscribePages.get(i);
            assertEquals(200, page.status(), page.body());
            assertEquals("/unsubscribe/" + unsubscribeLinks.token(ids.get(i)), page.html().selectFirst("form").attr("action"));
            assertOnlyTheirOwn(signers, signers.get(i), page);
        }
        Browser.Page gone = unsubscribePages.get(SIGNERS);
        assertNull(gone.html().selectFirst("form"), "a signature that is not there has nothing to unsubscribe");
    }

    @Test
    void a_row_that_cannot_be_read_fails_its_own_view_and_no_one_elses() throws Exception {
        List<Signer> signers = signUp(List.of(openCampaign())).subList(0, 4);
        long broken = signatureId(signers.get(1));
        execute("UPDATE signature SET name = 'not sealed with any key of ours' WHERE id = ?", broken);

        List<Browser.Page> pages = together(signers, signer -> signer.browser().get(signer.confirmPath()),
                () -> browser().get("/confirm/" + "D".repeat(43)));

        assertEquals(500, pages.get(1).status(), "the view of the row that cannot be opened");
        for (int i : new int[]{0, 2, 3}) {
            assertEquals(200, pages.get(i).status(), pages.get(i).body());
            assertEquals(signers.get(i).name(), pages.get(i).html().selectFirst("input[name=name]").val());
        }
        assertEquals(404, pages.get(4).status());
    }

    @Test
    void a_batch_of_views_answers_each_link_in_the_order_asked_unknown_and_repeated_ones_too() {
        List<Signer> signers = signUp(List.of(openCampaign())).subList(0, 2);
        String first = token(signers.get(0).confirmPath());
        String second = token(signers.get(1).confirmPath());

        List<ConfirmationService.LinkStatus> answers = confirmations.inspectAll(
                List.of(second, "not a token", first, "C".repeat(43), second));

        assertEquals(5, answers.size());
        assertEquals(signers.get(1).name(), answers.get(0).signer().name());
        assertEquals(ConfirmationService.LinkState.UNKNOWN, answers.get(1).state());
        assertEquals(signers.get(0).name(), answers.get(2).signer().name());
        assertEquals(ConfirmationService.LinkState.UNKNOWN, answers.get(3).state());
        assertEquals(signers.get(1).name(), answers.get(4).signer().name());
        assertEquals(ConfirmationService.LinkState.READY, answers.get(4).state());
    }

    private long signatureId(Signer signer) {
        return queryLong("SELECT signature_id FROM confirmation_token WHERE token_hash = ?",
                ConfirmationTokens.hash(token(signer.confirmPath())));
    }

    private Campaign titled(String title) {
        Instant now = Instant.now();
        return campaigns.save(new Campaign(null, "together-" + UUID.randomUUID(), CampaignState.OPEN, 1000, null, null,
                title, "释放囚犯", "A summary", "摘要", "A paragraph.", "一段。", "The government", "政府", false, now, now));
    }

    /** SIGNERS signers of the campaigns in turn, each from a network of their own, with their links. */
    private List<Signer> signUp(List<Campaign> campaigns) {
        List<Signer> signers = new ArrayList<>();
        for (int i = 0; i < SIGNERS; i++) {
            Campaign campaign = campaigns.get(i % campaigns.size());
            // a network of each signer's own: a network's confirmation emails have an hourly budget
            Browser browser = browser().from("2001:db8:" + Integer.toHexString(NETWORKS.incrementAndGet()) + "::7");
            // names that no other name contains, one with markup that must come back escaped
            String mark = "签名者" + "甲乙丙丁戊己庚辛壬癸子丑".charAt(i); // no token holds these
            String name = i == 3 ? "Wang \"><b>" + mark + "</b>" : "Signer " + mark;
            String email = uniqueEmail("together" + i);
            // through the API: the form's fill time would hold back a signer a test sends at once
            assertEquals(202, browser.postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                    "{\"name\":\"" + name.replace("\"", "\\\"") + "\",\"email\":\"" + email
                            + "\",\"country\":\"HK\",\"publicDisplay\":\"FULL_NAME\"}").status());
            TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
            signers.add(new Signer(campaign, browser, name, mark, URI.create(confirmLink(mail)).getPath(),
                    URI.create(withdrawLink(mail)).getPath()));
        }
        return signers;
    }

    /**
     * The page of each one and, last, a stranger's, while the signature table is held: the
     * stranger's view goes first and is read alone (it waits for the table), the others gather
     * behind it and, once the table is let go, are read as one batch.
     */
    private <T> List<Browser.Page> together(List<T> each, Function<T, Browser.Page> view,
                                            Supplier<Browser.Page> stranger) throws Exception {
        ExecutorService crowd = Executors.newFixedThreadPool(each.size() + 1);
        try {
            List<Future<Browser.Page>> pages = new ArrayList<>();
            Future<Browser.Page> strangers;
            try (Held held = holding("signature")) {
                strangers = crowd.submit(stranger::get);
                eventually(Duration.ofSeconds(10), () -> linkPages.waiting() == 1, "the stranger's view waits");
                for (T one : each) {
                    pages.add(crowd.submit(() -> view.apply(one)));
                }
                eventually(Duration.ofSeconds(10), () -> linkPages.waiting() == each.size() + 1, "every view waits");
            }
            List<Browser.Page> answered = new ArrayList<>();
            for (Future<Browser.Page> page : pages) {
                answered.add(page.get());
            }
            answered.add(strangers.get());
            return answered;
        } finally {
            crowd.shutdownNow();
        }
    }

    private static void assertOnlyTheirOwn(List<Signer> signers, Signer own, Browser.Page page) {
        assertFalse(page.body().contains("\"><b>"), "a name is escaped where it is stamped in");
        assertTrue(page.body().contains(own.campaign().titleEn()), "their own campaign");
        for (Signer other : signers) {
            if (other != own) {
                assertFalse(page.body().contains(token(other.confirmPath())), "another signer's confirm link");
                assertFalse(page.body().contains(token(other.withdrawPath())), "another signer's remove link");
                if (other.campaign().id() != own.campaign().id()) {
                    assertFalse(page.body().contains(other.campaign().titleEn()), "another signer's campaign");
                }
                int at = page.body().indexOf(other.mark());
                assertEquals(-1, at, () -> "another signer's name: "
                        + page.body().substring(Math.max(0, at - 200), Math.min(page.body().length(), at + 100)));
            }
        }
    }

    private static String token(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
