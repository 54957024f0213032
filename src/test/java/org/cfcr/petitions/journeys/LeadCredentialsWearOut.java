package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.account.ApiTokens;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.cfcr.petitions.support.Leads.PASSWORD;
import static org.cfcr.petitions.support.Leads.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lead's credentials over time: API tokens that run out, stop at a new password; passwords that attackers would
 * guess first are refused; a password an admin handed over is replaced before anything else.
 */
@MicronautTest(transactional = false)
class LeadCredentialsWearOut extends ServiceTest {

    private static final String NEW_PASSWORD = "seven quiet rivers under snow";

    @Inject
    Leads leads;

    @Inject
    ApiTokens apiTokens;

    @Inject
    Accounts accounts;

    @Test
    void an_api_token_expires_after_ninety_days_and_the_account_page_says_when() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        Browser browser = leads.signedIn(lead);
        Browser.Page created = submit(browser, "/admin/account", "/admin/account/tokens", Map.of("label", "nightly"));
        String token = created.html().selectFirst("code.token").text();
        String expiry = clock.instant().plus(Duration.ofDays(90)).toString().substring(0, 10);
        assertTrue(browser.get("/admin/account").body().contains("expires " + expiry), "the page shows " + expiry);
        String export = "/api/v1/campaigns/" + campaign.slug() + "/signatures.csv";
        assertEquals(200, leads.api(export, token).statusCode());

        clock.advance(Duration.ofDays(89));
        assertEquals(200, leads.api(export, token).statusCode(), "still within its 90 days");
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        HttpResponse<String> expired = leads.api(export, token);
        assertEquals(401, expired.statusCode());
        assertTrue(expired.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(expired.body().contains("expires"), expired.body());
        assertTrue(leads.signedIn(lead).get("/admin/account").body().contains(">expired<"));
    }

    @Test
    void a_new_password_stops_every_token_made_before_it() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        String before = apiTokens.create(lead.id(), "made with the old password");
        String export = "/api/v1/campaigns/" + campaign.slug() + "/signatures.csv";
        assertEquals(200, leads.api(export, before).statusCode());

        Browser browser = leads.signedIn(lead);
        Browser.Page changed = submit(browser, "/admin/account", "/admin/account/password",
                Map.of("current", PASSWORD, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD));
        assertEquals(200, changed.status(), changed.body());
        assertTrue(changed.body().contains("API tokens no longer work"), changed.body());

        HttpResponse<String> refused = leads.api(export, before);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("password changes"), refused.body());
        String after = apiTokens.create(lead.id(), "made with the new password");
        assertEquals(200, leads.api(export, after).statusCode(), "a token made since works");
    }

    @Test
    void a_token_made_before_the_last_password_change_is_refused_however_the_password_changed() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        String token = apiTokens.create(lead.id(), "old");
        clock.advance(Duration.ofMinutes(5));
        accounts.changePassword(lead.id(), NEW_PASSWORD, clock.instant()); // not through the page: no revocation
        assertEquals(401, leads.api("/api/v1/campaigns/" + campaign.slug() + "/signatures.csv", token).statusCode());
    }

    @Test
    void the_most_common_passwords_are_refused_with_the_list_named() {
        Browser admin = leads.signedIn(leads.account(Role.ADMIN));
        for (String common : List.of("qwertyuiop123", "1q2w3e4r5t6y", "QWERTY123456", "iloveyou2024!!", "  sunshine-1987  ")) {
            Browser.Page refused = submit(admin, "/admin/accounts", "/admin/accounts",
                    Map.of("email", uniqueEmail("common"), "name", "Common Choice", "password", common, "role", "LEAD"));
            assertEquals(422, refused.status(), common);
            assertTrue(refused.body().contains("100,000 most common passwords"), common + ": " + refused.body());
            assertTrue(refused.body().contains("nbvcxz"), "names the list");
        }
        Account lead = leads.account(Role.LEAD);
        Browser browser = leads.signedIn(lead);
        Browser.Page own = submit(browser, "/admin/account", "/admin/account/password",
                Map.of("current", PASSWORD, "password", "baseball123456", "repeat", "baseball123456"));
        assertEquals(422, own.status());
        assertTrue(own.body().contains("most common passwords"), own.body());
        Browser.Page zh = submit(browser.acceptLanguage("zh-CN"), "/admin/account", "/admin/account/password",
                Map.of("current", PASSWORD, "password", "football2020", "repeat", "football2020"));
        assertTrue(zh.body().contains("最常见的 10 万个密码"), zh.body());
    }

    @Test
    void a_lead_an_admin_created_must_choose_their_own_password_before_anything_else() {
        Campaign campaign = openCampaign();
        Browser admin = leads.signedIn(leads.account(Role.ADMIN));
        String email = uniqueEmail("handed");
        assertEquals(303, submit(admin, "/admin/accounts", "/admin/accounts",
                Map.of("email", email, "name", "Handed Over", "password", PASSWORD, "role", "LEAD")).status());
        // its second factor first (LeadProvesASecondFactor), then its own password
        Account lead = leads.withAuthenticatorApp(
                accounts.list().stream().filter(a -> a.email().equals(email)).findFirst().orElseThrow());
        assertTrue(lead.mustChangePassword());
        accounts.assign(lead.id(), campaign.id(), lead.id());

        Browser browser = leads.signedIn(lead);
        for (String path : List.of("/admin", "/admin/campaigns/" + campaign.id(), "/admin/campaigns/new",
                "/admin/campaigns/" + campaign.id() + "/checks")) {
            Browser.Page page = browser.get(path);
            assertEquals(303, page.status(), path);
            assertEquals("/admin/account", page.location(), path);
        }
        Browser.Page account = browser.get("/admin/account");
        assertEquals(200, account.status());
        assertTrue(account.body().contains("An admin set your password"), account.body());
        assertNotNull(account.html().selectFirst("form[action=/admin/account/password]"));
        assertTrue(account.html().select("form[action=/admin/account/tokens]").isEmpty(), "no token before a password");

        String token = account.csrfToken();
        Browser.Page export = browser.postForm("/admin/campaigns/" + campaign.id() + "/export.csv", Map.of("csrfToken", token));
        assertEquals(303, export.status());
        assertEquals("/admin/account", export.location());
        Browser.Page tokens = browser.postForm("/admin/account/tokens", Map.of("csrfToken", token, "label", "early"));
        assertEquals(303, tokens.status());
        assertTrue(apiTokens.of(lead.id()).isEmpty());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM export_record WHERE account_id = ?", lead.id()));

        Browser.Page changed = submit(browser, "/admin/account", "/admin/account/password",
                Map.of("current", PASSWORD, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD));
        assertEquals(200, changed.status(), changed.body());
        assertFalse(changed.body().contains("An admin set your password"));
        assertEquals(200, browser.get("/admin").status());
        assertEquals(200, Leads.export(browser, campaign.id(), Map.of()).status());
        assertFalse(accounts.find(lead.id()).orElseThrow().mustChangePassword());
    }

    @Test
    void the_first_admin_from_the_environment_and_a_leads_own_password_need_no_change() {
        Account lead = leads.account(Role.LEAD); // made as the first admin is: by no admin
        assertFalse(lead.mustChangePassword());
        assertEquals(200, leads.signedIn(lead).get("/admin").status());
    }
}
