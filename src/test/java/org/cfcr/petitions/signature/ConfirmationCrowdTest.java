package org.cfcr.petitions.signature;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Confirmations that arrive together are committed together; each must still count exactly once. */
@MicronautTest(transactional = false)
class ConfirmationCrowdTest extends ServiceTest {

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
        String csrfToken = browser.get("/campaigns/" + openCampaign().slug()).csrfToken();
        Browser.Page page = browser.postForm("/confirm/" + "y".repeat(43), Map.of("csrfToken", csrfToken));
        assertEquals(404, page.status());
    }
}
