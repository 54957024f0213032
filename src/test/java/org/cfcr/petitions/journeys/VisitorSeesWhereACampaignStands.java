package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.ServiceTest;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A visitor sees at once where a campaign stands and how to join it: the count and a button to the
 * form first, an invitation rather than an empty chart before anyone signed, the latest signers as
 * each chose to be shown, and on the home page one progress bar per campaign.
 */
@MicronautTest(transactional = false)
class VisitorSeesWhereACampaignStands extends ServiceTest {

    @Test
    void a_campaign_no_one_signed_yet_invites_the_first_signature_instead_of_an_empty_chart() {
        Campaign campaign = openCampaign();
        Document page = browser().get("/campaigns/" + campaign.slug()).html();
        assertNotNull(page.selectFirst(".empty-state"), "an invitation to be the first");
        assertNull(page.selectFirst("figure.chart"), "no empty chart");
        Element signNow = page.selectFirst(".tally-card a.sign-now");
        assertEquals("#sign", signNow.attr("href"), "the button at the top leads to the form");
        assertNotNull(page.selectFirst("section#sign form.sign-form"));
    }

    @Test
    void the_latest_signers_show_as_each_chose_and_never_with_their_email() {
        Campaign campaign = openCampaign();
        String shown = uniqueEmail("shown");
        String hidden = uniqueEmail("hidden");
        browser().sign(campaign.slug(), signer("Amy Lee", shown));
        Map<String, String> discreet = signer("Hidden Person", hidden);
        discreet.put("publicDisplay", "HIDDEN");
        browser().sign(campaign.slug(), discreet);
        confirmAs(shown);
        confirmAs(hidden);
        awaitCount(campaign, 2);

        eventually(Duration.ofSeconds(10), () -> browser().get("/campaigns/" + campaign.slug()).html()
                .select(".latest-list li").size() == 2, "both signers are among the latest");
        Document page = browser().get("/campaigns/" + campaign.slug()).html();
        String latest = page.selectFirst("section.latest").text();
        assertTrue(latest.contains("Amy Lee"), latest);
        assertTrue(latest.contains("A signer who chose not to be shown"), latest);
        assertFalse(latest.contains("Hidden Person"), "a hidden signer's name is not shown");
        assertFalse(page.outerHtml().contains(shown) || page.outerHtml().contains(hidden), "no email on the page");
        assertNull(page.selectFirst(".empty-state"));
        assertNotNull(page.selectFirst("figure.chart"), "the last 48 hours, once there are signatures");
        assertEquals("2", page.selectFirst("[data-live-count]").text());
    }

    @Test
    void the_home_page_draws_one_progress_bar_per_campaign() {
        openCampaign();
        Document home = browser().get("/").html();
        assertFalse(home.select("li.card").isEmpty());
        for (Element card : home.select("li.card")) {
            assertEquals(1, card.select("progress").size(), card.outerHtml());
        }
    }

    @Test
    void a_closed_campaign_says_so_and_offers_no_sign_button() {
        Campaign closed = campaign(CampaignState.CLOSED, null, Instant.now().minus(Duration.ofDays(1)));
        Document page = browser().get("/campaigns/" + closed.slug()).html();
        assertNull(page.selectFirst("a.sign-now"));
        assertNull(page.selectFirst(".empty-state"));
        assertNotNull(page.selectFirst("p.notice"));
    }
}
