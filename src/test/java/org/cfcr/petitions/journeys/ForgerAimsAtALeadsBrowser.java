package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.cfcr.petitions.support.Leads.PASSWORD;
import static org.cfcr.petitions.support.Leads.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A forger's story: a site of their own that a signed-in lead visits, from which they try to make the lead's browser
 * close a campaign or download every signer, with a CSRF token they got somewhere (their own session, an old page).
 */
@MicronautTest(transactional = false)
class ForgerAimsAtALeadsBrowser extends ServiceTest {

    private static final Map<String, String> FROM_ANOTHER_SITE = Map.of("Origin", "https://forger.example",
            "Sec-Fetch-Site", "cross-site");

    @Inject
    Leads leads;

    @Test
    void a_form_sent_from_another_site_is_refused_even_with_a_valid_token() {
        Campaign campaign = openCampaign();
        Browser lead = leads.signedIn(leads.leadOf(campaign));
        String token = lead.get("/admin/campaigns/" + campaign.id()).csrfToken();
        String close = "/admin/campaigns/" + campaign.id() + "/state";

        for (Map<String, String> headers : List.of(FROM_ANOTHER_SITE, Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"), Map.of("Origin", "https://forger.example"),
                Map.of("Origin", "http://petitions.test.forger.example"))) {
            Browser.Page refused = lead.postForm(close, Map.of("csrfToken", token, "target", "CLOSED"), headers);
            assertEquals(403, refused.status(), headers.toString());
            assertTrue(refused.body().contains("sent from a page of another website"), refused.body());
            assertEquals(CampaignState.OPEN, campaigns.findById(campaign.id()).orElseThrow().state(), headers.toString());
        }

        // the same form from our own page goes through, whichever way the browser says so
        Browser.Page fromOurPage = lead.postForm(close, Map.of("csrfToken", token, "target", "CLOSED"),
                Map.of("Origin", "null", "Sec-Fetch-Site", "same-origin"));
        assertEquals(303, fromOurPage.status(), fromOurPage.body());
        assertEquals(CampaignState.CLOSED, campaigns.findById(campaign.id()).orElseThrow().state());
        Browser.Page reopen = lead.postForm(close, Map.of("csrfToken", token, "target", "OPEN"),
                Map.of("Origin", "http://127.0.0.1:" + server.getPort()));
        assertEquals(303, reopen.status(), reopen.body());
    }

    @Test
    void another_site_cannot_sign_a_browser_in_to_the_forgers_own_account() {
        Account forgers = leads.account(org.cfcr.petitions.account.Role.LEAD);
        Browser victim = browser();
        String token = victim.get("/admin/login").csrfToken();
        Browser.Page refused = victim.postForm("/admin/login", Map.of("email", forgers.email(), "password", PASSWORD,
                "csrfToken", token), FROM_ANOTHER_SITE);
        assertEquals(403, refused.status());
        assertEquals(null, victim.cookie("session"), "no session was opened");
    }

    @Test
    void an_export_starts_only_from_the_campaign_page_not_from_a_link_or_another_site() {
        Campaign campaign = openCampaign();
        signatures(campaign).named("Quiet Signer").confirmed();
        Browser lead = leads.signedIn(leads.leadOf(campaign));
        String path = "/admin/campaigns/" + campaign.id() + "/export.csv";

        Browser.Page link = lead.get(path + "?status=all");
        assertEquals(303, link.status(), "a link (or an image) only leads to the campaign's page");
        assertTrue(link.location().startsWith("/admin/campaigns/" + campaign.id()), link.location());
        assertFalse(link.body().contains("Quiet Signer"));
        assertEquals(0, exportsOf(campaign));

        String token = lead.get("/admin/campaigns/" + campaign.id()).csrfToken();
        Browser.Page forged = lead.postForm(path, Map.of("csrfToken", token, "status", "all"), FROM_ANOTHER_SITE);
        assertEquals(403, forged.status());
        assertFalse(forged.body().contains("Quiet Signer"));
        Browser.Page withoutToken = lead.postForm(path, Map.of("status", "all"));
        assertEquals(403, withoutToken.status());
        assertEquals(0, exportsOf(campaign), "nothing was exported");

        Browser.Page pressed = Leads.export(lead, campaign.id(), Map.of("status", "all"));
        assertEquals(200, pressed.status(), pressed.body());
        assertTrue(pressed.header("Content-Disposition").contains("attachment"));
        assertTrue(pressed.body().contains("Quiet Signer"));
        assertEquals(1, exportsOf(campaign));
    }

    @Test
    void the_campaign_page_offers_the_export_as_a_form_that_works_without_javascript() {
        Campaign campaign = openCampaign();
        Browser lead = leads.signedIn(leads.leadOf(campaign));
        var form = lead.get("/admin/campaigns/" + campaign.id()).html().selectFirst("form.export-form");
        assertEquals("post", form.attr("method"));
        assertEquals("/admin/campaigns/" + campaign.id() + "/export.csv", form.attr("action"));
        assertFalse(form.select("input[name=csrfToken]").attr("value").isEmpty());
        assertEquals(1, form.select("button[type=submit]").size());
    }

    @Test
    void a_token_from_another_session_or_a_signed_out_page_is_refused() {
        Campaign campaign = openCampaign();
        Account account = leads.leadOf(campaign);
        String close = "/admin/campaigns/" + campaign.id() + "/state";

        // the forger's own session, in their own browser: a genuine token, of another session
        Browser forger = leads.signedIn(leads.leadOf(openCampaign()));
        String forgersToken = forger.get("/admin").csrfToken();
        Browser victim = leads.signedIn(account);
        // even when the forger planted their CSRF cookie in the victim's browser (possible on plain http)
        victim.withCookie("csrf", forger.cookie("csrf"));
        assertEquals(403, victim.postForm(close, Map.of("csrfToken", forgersToken, "target", "CLOSED")).status());

        // a token of the sign-in page, shown before the session began, in the same browser
        Browser browser = browser();
        String signedOutToken = browser.get("/admin/login").csrfToken();
        Browser.Page login = browser.postForm("/admin/login", Map.of("email", account.email(), "password", PASSWORD,
                "csrfToken", signedOutToken));
        assertEquals(303, login.status(), login.body());
        leads.proveSecondFactor(browser, account);
        assertEquals(403, browser.postForm(close, Map.of("csrfToken", signedOutToken, "target", "CLOSED")).status());

        // a token of this browser's previous session, after signing in again
        String oldSessionsToken = browser.get("/admin").csrfToken();
        assertEquals(303, browser.postForm("/admin/logout", Map.of("csrfToken", oldSessionsToken)).status());
        String loginAgain = browser.get("/admin/login").csrfToken();
        assertEquals(303, browser.postForm("/admin/login", Map.of("email", account.email(), "password", PASSWORD,
                "csrfToken", loginAgain)).status());
        leads.proveSecondFactor(browser, account);
        assertEquals(403, browser.postForm(close, Map.of("csrfToken", oldSessionsToken, "target", "CLOSED")).status());
        assertEquals(CampaignState.OPEN, campaigns.findById(campaign.id()).orElseThrow().state());

        // this session's own token works
        Map<String, String> form = new HashMap<>(Map.of("target", "CLOSED"));
        assertEquals(303, submit(browser, "/admin/campaigns/" + campaign.id(), close, form).status());
        assertEquals(CampaignState.CLOSED, campaigns.findById(campaign.id()).orElseThrow().state());
    }

    @Test
    void a_signers_form_from_another_site_is_refused_and_from_ours_taken() {
        Campaign campaign = openCampaign();
        Browser signer = browser();
        Browser.Page page = signer.get("/campaigns/" + campaign.slug());
        Map<String, String> form = new HashMap<>(signer("Framed Signer", uniqueEmail("framed")));
        form.put("formToken", page.html().selectFirst("input[name=formToken]").attr("value"));
        Browser.Page forged = signer.postForm("/campaigns/" + campaign.slug() + "/signatures", form,
                Map.of("Sec-Fetch-Site", "cross-site", "Origin", "null"));
        assertEquals(403, forged.status());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
        Browser.Page taken = signer.postForm("/campaigns/" + campaign.slug() + "/signatures", form,
                Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null"));
        assertTrue(taken.status() == 200 || taken.status() == 303, taken.status() + " " + taken.body());
    }

    @Test
    void the_api_takes_no_cookie_so_another_sites_origin_changes_nothing_there() {
        Campaign campaign = openCampaign();
        Browser script = browser();
        Browser.Page read = script.getWithHeader("/api/v1/campaigns/" + campaign.slug(), "Origin", "https://forger.example");
        assertEquals(200, read.status());
    }

    private long exportsOf(Campaign campaign) {
        return queryLong("SELECT COUNT(*) FROM export_record WHERE campaign_id = ?", campaign.id());
    }
}
