package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.account.ApiTokens;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.account.SessionJobs;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.cfcr.petitions.support.Leads.PASSWORD;
import static org.cfcr.petitions.support.Leads.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin's story: accounts for the leads, who reach their own campaigns and nothing else, and strangers who reach
 * nothing.
 */
@MicronautTest(transactional = false)
class AdminManagesAccounts extends ServiceTest {

    @Inject
    Leads leads;

    @Inject
    ApiTokens apiTokens;

    @Inject
    Accounts accounts;

    @Inject
    SessionJobs sessionJobs;

    @Test
    void anonymous_visitors_reach_no_admin_page_and_no_export() {
        Campaign campaign = openCampaign();
        Browser anonymous = browser();
        for (String path : List.of("/admin", "/admin/campaigns/new", "/admin/campaigns/" + campaign.id(),
                "/admin/campaigns/" + campaign.id() + "/edit", "/admin/campaigns/" + campaign.id() + "/export.csv",
                "/admin/accounts", "/admin/exports", "/admin/audit", "/admin/account", "/admin/nothing-here")) {
            Browser.Page page = anonymous.get(path);
            assertEquals(303, page.status(), path);
            assertTrue(page.location().startsWith("/admin/login?next="), path + " → " + page.location());
        }
        Browser.Page post = anonymous.postForm("/admin/campaigns/" + campaign.id() + "/state", Map.of("target", "CLOSED"));
        assertEquals(303, post.status());
        assertEquals(CampaignState.OPEN, campaigns.findById(campaign.id()).orElseThrow().state());

        HttpResponse<String> api = leads.api("/api/v1/campaigns/" + campaign.slug() + "/signatures.csv", null);
        assertEquals(401, api.statusCode());
        assertTrue(api.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(api.body().contains("Authorization: Bearer"), api.body());
        assertEquals(401, leads.api("/api/v1/campaigns/" + campaign.slug() + "/signatures.csv", "not-a-token").statusCode());
    }

    @Test
    void a_lead_sees_only_their_own_campaigns_whatever_they_try() {
        Campaign mine = openCampaign();
        Campaign theirs = openCampaign();
        Account lead = leads.leadOf(mine);
        Browser browser = leads.signedIn(lead);

        String home = browser.get("/admin").body();
        assertTrue(home.contains("/admin/campaigns/" + mine.id()));
        assertFalse(home.contains("/admin/campaigns/" + theirs.id() + "\""));
        assertEquals(200, browser.get("/admin/campaigns/" + mine.id()).status());

        for (String path : List.of("/admin/campaigns/" + theirs.id(), "/admin/campaigns/" + theirs.id() + "/edit",
                "/admin/campaigns/" + theirs.id() + "/preview", "/admin/campaigns/999999999")) {
            assertEquals(404, browser.get(path).status(), path);
        }
        for (long id : List.of(theirs.id(), 999999999L)) {
            Browser.Page export = submit(browser, "/admin/campaigns/" + mine.id(), "/admin/campaigns/" + id + "/export.csv", Map.of());
            assertEquals(404, export.status(), "export of " + id);
        }
        Browser.Page close = submit(browser, "/admin/campaigns/" + mine.id(), "/admin/campaigns/" + theirs.id() + "/state",
                Map.of("target", "CLOSED"));
        assertEquals(404, close.status());
        assertEquals(CampaignState.OPEN, campaigns.findById(theirs.id()).orElseThrow().state());
        Browser.Page edit = submit(browser, "/admin/campaigns/" + mine.id(), "/admin/campaigns/" + theirs.id() + "/edit",
                Map.of("slug", theirs.slug(), "goal", "5", "titleEn", "Hijacked"));
        assertEquals(404, edit.status());
        assertEquals("Release the prisoners", campaigns.findById(theirs.id()).orElseThrow().titleEn());

        // admin-only pages say so
        for (String path : List.of("/admin/accounts", "/admin/exports", "/admin/audit")) {
            Browser.Page page = browser.get(path);
            assertEquals(403, page.status(), path);
            assertTrue(page.body().contains("Only admins"), page.body());
        }

        String token = apiTokens.create(lead.id(), "script");
        assertEquals(200, leads.api("/api/v1/campaigns/" + mine.slug() + "/signatures.csv", token).statusCode());
        assertEquals(404, leads.api("/api/v1/campaigns/" + theirs.slug() + "/signatures.csv", token).statusCode());
        assertEquals(404, leads.api("/api/v1/campaigns/no-such-campaign/signatures.csv", token).statusCode());
    }

    @Test
    void forms_without_the_csrf_token_are_refused() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        Browser stranger = browser();
        stranger.get("/admin/login");
        Browser.Page login = stranger.postForm("/admin/login", Map.of("email", lead.email(), "password", PASSWORD));
        assertEquals(403, login.status());

        Browser browser = leads.signedIn(lead);
        Browser.Page close = browser.postForm("/admin/campaigns/" + campaign.id() + "/state", Map.of("target", "CLOSED"));
        assertEquals(403, close.status());
        Browser.Page forged = browser.postForm("/admin/campaigns/" + campaign.id() + "/state",
                Map.of("target", "CLOSED", "csrfToken", "forged-token-forged-token-forged-token-123"));
        assertEquals(403, forged.status());
        String token = browser.get("/admin/campaigns/" + campaign.id()).csrfToken();
        Browser.Page unreadable = browser.post("/admin/campaigns/" + campaign.id() + "/state",
                "application/x-www-form-urlencoded", "csrfToken=" + token + "&target=CLOSED&note=%C3%28%FF");
        assertEquals(403, unreadable.status(), "a body the server cannot read proves nothing: " + unreadable.body());
        Browser.Page asText = browser.post("/admin/campaigns/" + campaign.id() + "/state", "text/plain",
                "csrfToken=" + token + "&target=CLOSED");
        assertTrue(asText.status() == 403 || asText.status() == 415, "a body that is not a form: " + asText.status());
        assertEquals(CampaignState.OPEN, campaigns.findById(campaign.id()).orElseThrow().state());
    }

    @Test
    void a_lead_learns_nothing_of_which_account_or_campaign_ids_exist() {
        Campaign own = openCampaign();
        Campaign others = openCampaign();
        Account lead = leads.leadOf(own);
        Account existing = leads.account(Role.LEAD);
        long missing = existing.id() + 1_000_000;
        Browser browser = leads.signedIn(lead);
        for (String action : List.of("enable", "disable")) {
            Browser.Page known = submit(browser, "/admin", "/admin/accounts/" + existing.id() + "/" + action, Map.of());
            Browser.Page unknown = submit(browser, "/admin", "/admin/accounts/" + missing + "/" + action, Map.of());
            assertEquals(403, known.status(), action);
            assertEquals(known.status(), unknown.status(), action);
            assertEquals(known.body(), unknown.body(), action);
        }
        long missingCampaign = others.id() + 1_000_000;
        Browser.Page knownExport = submit(browser, "/admin", "/admin/campaigns/" + others.id() + "/export.csv", Map.of());
        Browser.Page unknownExport = submit(browser, "/admin", "/admin/campaigns/" + missingCampaign + "/export.csv", Map.of());
        assertEquals(404, knownExport.status());
        assertEquals(withoutId(knownExport.body(), others.id()), withoutId(unknownExport.body(), missingCampaign));
        for (String path : List.of("", "/edit", "/checks")) {
            Browser.Page known = browser.get("/admin/campaigns/" + others.id() + path);
            Browser.Page unknown = browser.get("/admin/campaigns/" + missingCampaign + path);
            assertEquals(404, known.status(), path);
            assertEquals(known.status(), unknown.status(), path);
            assertEquals(withoutId(known.body(), others.id()), withoutId(unknown.body(), missingCampaign), path);
        }
    }

    /** The page with the id, as a whole number, put aside (not the digits of a file name's hash). */
    private static String withoutId(String body, long id) {
        return body.replaceAll("\\b" + id + "\\b", "ID");
    }

    @Test
    void an_ended_session_works_no_more_and_its_row_is_deleted() {
        Campaign campaign = openCampaign();
        Account idle = leads.leadOf(campaign);
        Browser idleBrowser = leads.signedIn(idle);
        assertEquals(200, idleBrowser.get("/admin/campaigns/" + campaign.id()).status());

        clock.advance(Duration.ofHours(3));
        Account active = leads.leadOf(campaign);
        Browser activeBrowser = leads.signedIn(active);
        assertEquals(303, idleBrowser.get("/admin/campaigns/" + campaign.id()).status(), "idle for three hours: ended");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM account_session WHERE account_id = ?", idle.id()));

        sessionJobs.deleteEnded(Instant.now(clock));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM account_session WHERE account_id = ?", idle.id()),
                "the ended session's row is gone");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM account_session WHERE account_id = ?", active.id()),
                "a live session stays");
        assertEquals(200, activeBrowser.get("/admin/campaigns/" + campaign.id()).status());
    }

    @Test
    void a_disabled_lead_is_out_at_once_session_and_token() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        Browser leadBrowser = leads.signedIn(lead);
        String token = apiTokens.create(lead.id(), "nightly export");
        assertEquals(200, leadBrowser.get("/admin/campaigns/" + campaign.id()).status());
        assertEquals(200, leads.api("/api/v1/campaigns/" + campaign.slug() + "/signatures.csv", token).statusCode());

        Browser admin = leads.signedIn(leads.account(Role.ADMIN));
        Browser.Page disabled = submit(admin, "/admin/accounts", "/admin/accounts/" + lead.id() + "/disable", Map.of());
        assertEquals(303, disabled.status());

        assertEquals(303, leadBrowser.get("/admin/campaigns/" + campaign.id()).status());
        assertEquals(401, leads.api("/api/v1/campaigns/" + campaign.slug() + "/signatures.csv", token).statusCode());
        Browser again = browser();
        Browser.Page loginPage = again.get("/admin/login");
        Browser.Page refused = again.postForm("/admin/login", Map.of("email", lead.email(), "password", PASSWORD,
                "csrfToken", loginPage.csrfToken()));
        assertEquals(401, refused.status());
    }

    @Test
    void guessing_passwords_locks_out_strangers_but_not_the_leads_own_browser() {
        Account lead = leads.account(Role.LEAD);
        Browser usual = leads.signedIn(lead); // this browser now carries a known-device cookie for the lead
        Browser attacker = browser();
        Browser.Page page = attacker.get("/admin/login");
        Browser.Page last = null;
        for (int i = 0; i < 11; i++) {
            last = attacker.postForm("/admin/login", Map.of("email", lead.email(), "password", "wrong guess " + i,
                    "csrfToken", page.csrfToken()));
        }
        assertEquals(429, last.status());
        assertTrue(last.body().contains("15 minutes"), last.body());
        // even the right password is refused to a stranger now
        assertEquals(429, attacker.postForm("/admin/login", Map.of("email", lead.email(), "password", PASSWORD,
                "csrfToken", page.csrfToken())).status());
        // the lead's usual browser still gets in
        Browser.Page login = usual.get("/admin/login");
        Browser.Page ok = usual.postForm("/admin/login", Map.of("email", lead.email(), "password", PASSWORD,
                "csrfToken", login.csrfToken()));
        assertEquals(303, ok.status(), ok.body());
    }

    @Test
    void the_known_device_cookie_names_no_one() {
        Account lead = leads.account(Role.LEAD);
        Browser browser = browser();
        Browser.Page login = browser.get("/admin/login");
        Browser.Page done = browser.postForm("/admin/login", Map.of("email", lead.email(), "password", PASSWORD,
                "csrfToken", login.csrfToken()));
        assertEquals(303, done.status(), done.body());
        String cookie = done.response().headers().allValues("set-cookie").stream()
                .filter(header -> header.startsWith("known_device=")).findFirst().orElseThrow();
        String value = cookie.substring("known_device=".length()).split(";")[0];
        String local = lead.email().substring(0, lead.email().indexOf('@')).toLowerCase();
        assertFalse(value.toLowerCase().contains(local), value);
        for (String part : value.split("\\.")) {
            String decoded = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.ISO_8859_1).toLowerCase();
            assertFalse(decoded.contains(local), "a part of the cookie decodes to the email: " + decoded);
            assertFalse(decoded.contains("example.org"), "a part of the cookie decodes to the domain: " + decoded);
        }
    }

    @Test
    void login_does_not_redirect_away_from_the_site() {
        Account lead = leads.account(Role.LEAD);
        Browser browser = browser();
        Browser.Page page = browser.get("/admin/login?next=https://evil.example/");
        Browser.Page done = browser.postForm("/admin/login", Map.of("email", lead.email(), "password", PASSWORD,
                "csrfToken", page.csrfToken(), "next", "//evil.example/admin"));
        assertEquals(303, done.status());
        assertTrue(done.location().endsWith("/admin"), done.location());
    }

    @Test
    void an_admin_creates_a_lead_who_can_change_their_password() {
        Browser admin = leads.signedIn(leads.account(Role.ADMIN));
        String email = uniqueEmail("newlead");
        Browser.Page weak = submit(admin, "/admin/accounts", "/admin/accounts",
                Map.of("email", email, "name", "New Lead", "password", "short", "role", "LEAD"));
        assertEquals(422, weak.status());
        assertTrue(weak.body().contains("at least 12 characters"));
        assertEquals(303, submit(admin, "/admin/accounts", "/admin/accounts",
                Map.of("email", email, "name", "New Lead", "password", PASSWORD, "role", "LEAD")).status());

        Account lead = leads.withAuthenticatorApp(
                accounts.list().stream().filter(a -> a.email().equals(email)).findFirst().orElseThrow());
        Browser browser = leads.signedIn(lead);
        Browser other = leads.signedIn(lead);
        Browser.Page changed = submit(browser, "/admin/account", "/admin/account/password",
                Map.of("current", PASSWORD, "password", "an even longer passphrase", "repeat", "an even longer passphrase"));
        assertEquals(200, changed.status(), changed.body());
        assertTrue(changed.body().contains("Your password is changed"));
        assertEquals(200, browser.get("/admin").status(), "this session goes on");
        assertEquals(303, other.get("/admin").status(), "other sessions end");
    }
}
