package org.cfcr.petitions.signature;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A signature made while a campaign was open may be confirmed for 24 hours after it closes. */
@MicronautTest(transactional = false)
class ClosedCampaignTest extends ServiceTest {

    @Test
    void a_signer_who_confirms_within_the_grace_period_is_counted() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("grace");
        Browser browser = browser();
        browser.sign(campaign.slug(), signer("In Time", email));
        String link = confirmLink(TestMailServer.awaitMessage(email));
        closeCampaign(campaign, Instant.now().minus(Duration.ofHours(1)));

        assertEquals(303, browser.confirm(link).status());
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED'",
                campaign.id()));
    }

    @Test
    void a_signer_who_confirms_after_the_grace_period_is_told_the_campaign_closed() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("toolate");
        Browser browser = browser();
        browser.sign(campaign.slug(), signer("Too Late", email));
        String link = confirmLink(TestMailServer.awaitMessage(email));
        String csrfToken = browser.get("/campaigns/" + openCampaign().slug()).csrfToken();
        closeCampaign(campaign, Instant.now().minus(Duration.ofDays(2)));

        Browser.Page page = browser.get(URI.create(link).getPath());
        assertEquals(409, page.status());
        assertEquals("This campaign has closed", page.html().selectFirst("h1").text());
        Browser.Page pressed = browser.postForm(URI.create(link).getPath(), Map.of("csrfToken", csrfToken));
        assertEquals(409, pressed.status());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED'",
                campaign.id()));
    }

    @Test
    void a_campaign_whose_deadline_passed_counts_as_closed() {
        Campaign campaign = campaign(CampaignState.OPEN, Instant.now().minusSeconds(5), null);
        Browser.Page page = browser().get("/campaigns/" + campaign.slug());
        assertEquals(200, page.status());
        assertTrue(page.html().text().contains("This campaign is closed"));
        assertTrue(browser().get("/api/v1/campaigns/" + campaign.slug()).body().contains("\"state\":\"CLOSED\""));
    }

    private void closeCampaign(Campaign campaign, Instant closedAt) {
        execute("UPDATE campaign SET state = 'CLOSED', closed_at = ? WHERE id = ?", Timestamp.from(closedAt), campaign.id());
    }
}
