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

/**
 * A campaign takes signatures exactly while it is open: a lead's close is obeyed from the moment it
 * is committed, and public reads show it within two seconds. A signature made while it was open
 * may be confirmed for 24 hours after it closes.
 */
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

    @Test
    void a_sign_form_sent_just_after_a_lead_closed_the_campaign_is_refused_and_nothing_is_stored() {
        Campaign campaign = openCampaign();
        Browser browser = browser();
        Browser.Page form = browser.get("/campaigns/" + campaign.slug()); // the catalog now holds it as open
        String email = uniqueEmail("afterclose");
        closeCampaign(campaign, Instant.now()); // as a lead on another node does

        Map<String, String> fields = new java.util.HashMap<>(signer("After Close", email));
        fields.put("csrfToken", form.csrfToken());
        fields.put("formToken", form.html().selectFirst("input[name=formToken]").attr("value"));
        Browser.Page refused = browser.postForm("/campaigns/" + campaign.slug() + "/signatures", fields);
        Browser.Page refusedJson = signJson(browser, campaign, uniqueEmail("afterclose-api"));

        assertEquals(409, refused.status());
        assertTrue(refused.html().text().contains("This campaign is closed and no longer takes signatures."), refused.body());
        assertEquals(409, refusedJson.status());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
    }

    @Test
    void public_reads_show_a_close_and_a_publication_within_two_seconds() {
        Campaign open = openCampaign();
        Campaign draft = campaign(CampaignState.DRAFT, null, null);
        Browser browser = browser();
        assertTrue(browser.get("/api/v1/campaigns/" + open.slug()).body().contains("\"state\":\"OPEN\""));
        assertTrue(!browser.get("/api/v1/campaigns").body().contains(draft.slug()));

        closeCampaign(open, Instant.now());
        execute("UPDATE campaign SET state = 'OPEN' WHERE id = ?", draft.id());
        // the promise: no public read is older than two seconds
        eventually(Duration.ofMillis(2100), () -> browser.get("/api/v1/campaigns/" + open.slug()).body()
                .contains("\"state\":\"CLOSED\"") && browser.get("/api/v1/campaigns").body().contains(draft.slug()),
                "the close and the publication show");
    }

    private void closeCampaign(Campaign campaign, Instant closedAt) {
        execute("UPDATE campaign SET state = 'CLOSED', closed_at = ? WHERE id = ?", Timestamp.from(closedAt), campaign.id());
    }
}
