package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.ConfirmationService;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.cfcr.petitions.update.UnsubscribeLinks;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a campaign's email wave, signers open their links at the same moment, and the service reads
 * the views that arrive together as one (one statement for many signers' links). Each signer still
 * sees only what is theirs: their own details, their own link in the form, their own browser's
 * token; a made-up link among them is still unknown.
 */
@MicronautTest(transactional = false)
class SignersOpenTheirLinksTogether extends ServiceTest {

    private static final int SIGNERS = 12;
    private static final AtomicInteger NETWORKS = new AtomicInteger(0x7000);

    @Inject
    ConfirmationService confirmations;

    @Inject
    UnsubscribeLinks unsubscribeLinks;

    /** mark: a part of the name that no other signer's contains, and that escaping leaves as it is. */
    private record Signer(Browser browser, String name, String mark, String confirmPath, String withdrawPath) {
    }

    @Test
    void signers_opening_their_links_at_the_same_moment_each_see_only_their_own() throws Exception {
        Campaign campaign = openCampaign();
        List<Signer> signers = signUp(campaign);

        List<Browser.Page> confirmPages = allAtOnce(signers, signer -> signer.browser().get(signer.confirmPath()),
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

        List<Browser.Page> withdrawPages = allAtOnce(signers, signer -> signer.browser().get(signer.withdrawPath()),
                () -> browser().get("/withdraw/" + "B".repeat(43)));
        for (int i = 0; i < SIGNERS; i++) {
            Browser.Page page = withdrawPages.get(i);
            assertEquals(200, page.status(), page.body());
            assertEquals(signers.get(i).withdrawPath(), page.html().selectFirst("form").attr("action"));
            assertOnlyTheirOwn(signers, signers.get(i), page);
        }
        assertEquals(404, withdrawPages.get(SIGNERS).status());

        // each signer's own token confirms, as the page gave it to their browser
        for (int i = 0; i < SIGNERS; i++) {
            Signer signer = signers.get(i);
            assertEquals(303, signer.browser().submit(confirmPages.get(i), "form.confirm-form", Map.of()).status());
        }
        List<Long> ids = queryLongs("SELECT id FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED' ORDER BY id",
                campaign.id());
        assertEquals(SIGNERS, ids.size());
        List<Browser.Page> unsubscribePages = allAtOnce(ids,
                id -> browser().get("/unsubscribe/" + unsubscribeLinks.token(id)), () -> browser().get("/unsubscribe/123"));
        for (int i = 0; i < SIGNERS; i++) {
            Browser.Page page = unsubscribePages.get(i);
            assertEquals(200, page.status(), page.body());
            assertEquals("/unsubscribe/" + unsubscribeLinks.token(ids.get(i)), page.html().selectFirst("form").attr("action"));
            assertTrue(page.body().contains(campaign.titleEn()), "the campaign's title");
        }
        assertEquals(404, unsubscribePages.get(SIGNERS).status());
    }

    @Test
    void a_batch_of_views_answers_each_link_in_the_order_asked_unknown_and_repeated_ones_too() {
        Campaign campaign = openCampaign();
        List<Signer> signers = signUp(campaign).subList(0, 2);
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

    /** SIGNERS signers of the campaign, each from a network of their own, with their links. */
    private List<Signer> signUp(Campaign campaign) {
        List<Signer> signers = new ArrayList<>();
        for (int i = 0; i < SIGNERS; i++) {
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
            signers.add(new Signer(browser, name, mark, URI.create(confirmLink(mail)).getPath(),
                    URI.create(withdrawLink(mail)).getPath()));
        }
        return signers;
    }

    /** The page of each one and, last, a stranger's, all asked for at the same moment. */
    private static <T> List<Browser.Page> allAtOnce(List<T> each, Function<T, Browser.Page> view,
                                                    Supplier<Browser.Page> stranger) throws Exception {
        List<Supplier<Browser.Page>> views = new ArrayList<>();
        each.forEach(one -> views.add(() -> view.apply(one)));
        views.add(stranger);
        ExecutorService crowd = Executors.newFixedThreadPool(views.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Browser.Page>> pages = new ArrayList<>();
            for (Supplier<Browser.Page> one : views) {
                Callable<Browser.Page> task = () -> {
                    start.await();
                    return one.get();
                };
                pages.add(crowd.submit(task));
            }
            start.countDown();
            List<Browser.Page> answered = new ArrayList<>();
            for (Future<Browser.Page> page : pages) {
                answered.add(page.get());
            }
            return answered;
        } finally {
            crowd.shutdownNow();
        }
    }

    private static void assertOnlyTheirOwn(List<Signer> signers, Signer own, Browser.Page page) {
        assertFalse(page.body().contains("\"><b>"), "a name is escaped where it is stamped in");
        for (Signer other : signers) {
            if (other != own) {
                assertFalse(page.body().contains(token(other.confirmPath())), "another signer's confirm link");
                assertFalse(page.body().contains(token(other.withdrawPath())), "another signer's remove link");
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
