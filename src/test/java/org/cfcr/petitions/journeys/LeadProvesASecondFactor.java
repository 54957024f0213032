package org.cfcr.petitions.journeys;

import com.google.common.io.BaseEncoding;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lead's password is not enough: every admin and lead proves a second factor (an authenticator
 * app here; passkeys in {@code LeadSignsInWithAPasskey}) to sign in, and again before exporting
 * signers, minting an API token, adding an account or changing second factors. A thief with the
 * password, or with a session cookie, gets nowhere; a lead who lost everything is let back in by an
 * admin, on the record.
 */
@MicronautTest(transactional = false)
class LeadProvesASecondFactor extends ServiceTest {

    @Inject
    Leads leads;

    @Test
    void a_new_account_sets_up_an_app_before_anything_else_and_gets_recovery_codes() {
        Account lead = leads.accountWithoutSecondFactor(Role.LEAD);
        Browser browser = passwordOnly(lead);
        assertEquals("/admin/account/second-factors", browser.get("/admin").location());
        assertEquals("/admin/account/second-factors", browser.get("/admin/account").location());
        assertEquals("/admin/account/second-factors", browser.get("/admin/login/second-factor").location());

        Browser.Page enrol = browser.get("/admin/account/second-factors");
        assertEquals(200, enrol.status(), enrol.body());
        Document page = enrol.html();
        assertNotNull(page.selectFirst(".qr svg path"), "the QR code is drawn in the page");
        byte[] secret = BaseEncoding.base32().decode(page.selectFirst("code.token").text().replace(" ", ""));
        String pending = page.selectFirst("input[name=pending]").attr("value");

        Browser.Page wrong = browser.postForm("/admin/account/second-factors/app", Map.of("csrfToken", enrol.csrfToken(),
                "pending", pending, "code", "000000"));
        assertEquals(422, wrong.status());
        assertTrue(wrong.body().contains("does not match"), wrong.body());
        Browser.Page forged = browser.postForm("/admin/account/second-factors/app", Map.of("csrfToken", enrol.csrfToken(),
                "pending", pending.substring(0, pending.length() - 4) + "AAAA", "code", Leads.appCode(secret, clock.instant())));
        assertEquals(422, forged.status());

        Browser.Page added = browser.postForm("/admin/account/second-factors/app", Map.of("csrfToken", enrol.csrfToken(),
                "pending", pending, "code", Leads.appCode(secret, clock.instant()), "label", "my phone"));
        assertEquals(200, added.status(), added.body());
        List<String> recovery = added.html().select("ul.recovery-codes code").eachText();
        assertEquals(10, recovery.size());
        assertTrue(recovery.get(0).matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"), recovery.get(0));
        assertEquals(200, browser.get("/admin").status(), "the session that added the first factor is signed in");

        // the code that added the app does not also open a sign-in
        Browser.Page second = passwordOnly(lead).postFormFrom("/admin/login/second-factor", "/admin/login/second-factor",
                Map.of("code", Leads.appCode(secret, clock.instant()), "next", "/admin"));
        assertEquals(401, second.status());
        clock.advance(Duration.ofSeconds(30));
        Browser other = passwordOnly(lead);
        Browser.Page signedIn = other.postFormFrom("/admin/login/second-factor", "/admin/login/second-factor",
                Map.of("code", Leads.appCode(secret, clock.instant()), "next", "/admin"));
        assertEquals(303, signedIn.status(), signedIn.body());
        assertEquals(200, other.get("/admin").status());

        // a recovery code opens one sign-in, once
        Browser lost = passwordOnly(lead);
        assertEquals(303, lost.postFormFrom("/admin/login/second-factor", "/admin/login/second-factor",
                Map.of("code", recovery.get(3).toUpperCase(), "next", "/admin")).status());
        assertEquals(401, passwordOnly(lead).postFormFrom("/admin/login/second-factor", "/admin/login/second-factor",
                Map.of("code", recovery.get(3), "next", "/admin")).status());
    }

    @Test
    void a_stolen_password_alone_opens_nothing() {
        Account lead = leads.account(Role.LEAD);
        Campaign campaign = openCampaign();
        leads.assignTo(lead, campaign);
        Browser thief = passwordOnly(lead);
        Browser.Page login = thief.get("/admin/login/second-factor?next=/admin");
        assertEquals(200, login.status());
        for (String path : List.of("/admin", "/admin/account", "/admin/campaigns/" + campaign.id(),
                "/admin/campaigns/" + campaign.id() + "/export.csv", "/admin/accounts", "/admin/account/second-factors")) {
            Browser.Page page = thief.get(path);
            assertEquals(303, page.status(), path);
            assertEquals("/admin/login/second-factor", URI.create(page.location()).getPath(), path);
        }
        Browser.Page token = thief.postForm("/admin/account/tokens", Map.of("csrfToken", login.csrfToken(), "label", "mine"));
        assertEquals(303, token.status());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM api_token WHERE account_id = ?", lead.id()));
        Browser.Page addApp = thief.postForm("/admin/account/second-factors/app", Map.of("csrfToken", login.csrfToken(),
                "pending", "x", "code", "123456"));
        assertEquals(303, addApp.status(), "a session that must prove a factor cannot add one of its own instead");

        // guessing the six digits meets the sign-in limit
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            Browser.Page guess = thief.postForm("/admin/login/second-factor", Map.of("csrfToken", login.csrfToken(),
                    "code", String.format("%06d", i), "next", "/admin"));
            if (guess.status() == 429) {
                assertNotNull(guess.header("Retry-After"));
                refused++;
            } else {
                assertEquals(401, guess.status());
            }
        }
        assertTrue(refused >= 2, "refused " + refused);
        // the right password again does not give the thief ten more guesses
        Browser again = passwordOnly(lead);
        Browser.Page still = again.postFormFrom("/admin/login/second-factor", "/admin/login/second-factor",
                Map.of("code", "123457", "next", "/admin"));
        assertEquals(429, still.status());
        assertTrue(still.body().contains("Too many wrong codes"), still.body());
    }

    @Test
    void exports_tokens_and_new_accounts_ask_for_the_second_factor_again_after_fifteen_minutes() {
        Account admin = leads.account(Role.ADMIN);
        Campaign campaign = openCampaign();
        Browser browser = leads.signedIn(admin);
        assertEquals(200, Leads.export(browser, campaign.id(), Map.of()).status(),
                "just signed in with the second factor: no need to prove it again");

        clock.advance(Duration.ofMinutes(16));
        Browser.Page export = Leads.export(browser, campaign.id(), Map.of());
        assertEquals(303, export.status());
        assertEquals("/admin/step-up?next=/admin/campaigns/" + campaign.id(), export.location());
        Browser.Page token = browser.postFormFrom("/admin/account", "/admin/account/tokens", Map.of("label", "script"));
        assertEquals("/admin/step-up?next=/admin/account", token.location());
        Map<String, String> newAccount = new HashMap<>(Map.of("email", uniqueEmail("new"), "name", "New Lead",
                "password", "a long enough passphrase for them", "role", "LEAD"));
        Browser.Page created = browser.postFormFrom("/admin/accounts", "/admin/accounts", newAccount);
        assertEquals("/admin/step-up?next=/admin/accounts", created.location());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM account WHERE email = ?", newAccount.get("email")));

        Browser.Page stepUp = browser.get("/admin/step-up?next=/admin/account");
        assertTrue(stepUp.body().contains("Confirm it is you"), stepUp.body());
        Browser.Page wrong = browser.postForm("/admin/step-up", Map.of("csrfToken", stepUp.csrfToken(), "code", "999999",
                "next", "/admin/account"));
        assertEquals(401, wrong.status());
        Browser.Page done = browser.postForm("/admin/step-up", Map.of("csrfToken", stepUp.csrfToken(),
                "code", leads.appCode(admin, clock.instant()), "next", "/admin/account"));
        assertEquals(303, done.status(), done.body());
        assertEquals("/admin/account", done.location());
        Browser.Page minted = browser.postFormFrom("/admin/account", "/admin/account/tokens", Map.of("label", "script"));
        assertEquals(200, minted.status());
        assertNotNull(minted.html().selectFirst("code.token"));
        assertEquals(303, browser.postFormFrom("/admin/accounts", "/admin/accounts", newAccount).status());
        assertEquals(1, queryLong("SELECT COUNT(*) FROM account WHERE email = ?", newAccount.get("email")));
        assertEquals(200, Leads.export(browser, campaign.id(), Map.of()).status());
        assertEquals(2, queryLong("SELECT COUNT(*) FROM export_record WHERE account_id = ?", admin.id()),
                "the export before the 15 minutes and the one after the step-up, none between");
    }

    @Test
    void an_admin_lets_a_lead_back_in_who_lost_every_factor_and_it_is_on_the_record() {
        Account admin = leads.account(Role.ADMIN);
        Account lead = leads.account(Role.LEAD);
        Browser leadsBrowser = leads.signedIn(lead);
        Browser adminsBrowser = leads.signedIn(admin);

        Browser.Page reset = adminsBrowser.postFormFrom("/admin/accounts",
                "/admin/accounts/" + lead.id() + "/second-factors/reset", Map.of());
        assertEquals(303, reset.status());
        assertEquals(303, leadsBrowser.get("/admin").status(), "the lead's sessions ended");
        assertEquals(0, queryLong("SELECT COUNT(*) FROM account_factor WHERE account_id = ?", lead.id()));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM audit_event WHERE action = 'account.factorsReset' "
                + "AND account_id = ? AND detail = ?", admin.id(), "account " + lead.id()));
        assertEquals("/admin/account/second-factors", passwordOnly(lead).get("/admin").location(),
                "the lead sets up a new factor at the next sign-in");

        // a lead cannot reset anyone, not even learn whether the account exists
        Browser.Page byLead = leads.signedIn(leads.account(Role.LEAD)).postFormFrom("/admin/account",
                "/admin/accounts/" + admin.id() + "/second-factors/reset", Map.of());
        assertEquals(403, byLead.status());
        assertEquals(1, queryLong("SELECT COUNT(*) FROM account_factor WHERE account_id = ?", admin.id()));
    }

    @Test
    void a_lead_allowed_no_second_factor_signs_in_with_the_password_and_steps_up_with_it() {
        Account admin = leads.account(Role.ADMIN);
        Account lead = leads.accountWithoutSecondFactor(Role.LEAD);
        Browser adminsBrowser = leads.signedIn(admin);
        assertEquals(303, adminsBrowser.postFormFrom("/admin/accounts",
                "/admin/accounts/" + lead.id() + "/second-factors/requirement", Map.of("optional", "true")).status());
        assertEquals(303, adminsBrowser.postFormFrom("/admin/accounts",
                "/admin/accounts/" + admin.id() + "/second-factors/requirement", Map.of("optional", "true")).status());

        Browser browser = new Browser("http://127.0.0.1:" + server.getPort());
        Browser.Page login = browser.get("/admin/login");
        Browser.Page done = browser.postForm("/admin/login", Map.of("email", lead.email(), "password", Leads.PASSWORD,
                "csrfToken", login.csrfToken(), "next", "/admin"));
        assertEquals("/admin", done.location());
        assertEquals(200, browser.get("/admin").status());
        clock.advance(Duration.ofMinutes(16));
        assertEquals("/admin/step-up?next=/admin/account",
                browser.postFormFrom("/admin/account", "/admin/account/tokens", Map.of("label", "x")).location());
        Browser.Page stepUp = browser.get("/admin/step-up?next=/admin/account");
        assertNotNull(stepUp.html().selectFirst("input[name=password]"));
        assertEquals(303, browser.postForm("/admin/step-up", Map.of("csrfToken", stepUp.csrfToken(),
                "password", Leads.PASSWORD, "next", "/admin/account")).status());
        assertEquals(200, browser.postFormFrom("/admin/account", "/admin/account/tokens", Map.of("label", "x")).status());

        // a stolen session cookie cannot add the thief's own app without the password again
        clock.advance(Duration.ofMinutes(16));
        Browser.Page factorsPage = browser.get("/admin/account/second-factors");
        byte[] thiefsSecret = BaseEncoding.base32().decode(factorsPage.html().selectFirst("code.token").text().replace(" ", ""));
        Browser.Page added = browser.postForm("/admin/account/second-factors/app", Map.of("csrfToken", factorsPage.csrfToken(),
                "pending", factorsPage.html().selectFirst("input[name=pending]").attr("value"),
                "code", Leads.appCode(thiefsSecret, clock.instant())));
        assertEquals("/admin/step-up?next=/admin/account/second-factors", added.location());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM account_factor WHERE account_id = ?", lead.id()));

        // admins cannot be let off
        assertEquals("/admin/login/second-factor", URI.create(passwordOnly(admin).get("/admin").location()).getPath());
    }

    /** A browser that gave the right password and nothing more. */
    private Browser passwordOnly(Account account) {
        Browser browser = new Browser("http://127.0.0.1:" + server.getPort());
        Browser.Page login = browser.get("/admin/login");
        Browser.Page done = browser.postForm("/admin/login", Map.of("email", account.email(), "password", Leads.PASSWORD,
                "csrfToken", login.csrfToken(), "next", "/admin"));
        assertEquals(303, done.status(), done.body());
        return browser;
    }


    @Test
    void two_removals_at_once_leave_a_lead_who_needs_a_factor_with_one() throws Exception {
        Account lead = leads.withAuthenticatorApp(leads.account(Role.LEAD));
        Browser browser = leads.signedIn(lead);
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(queryLong("SELECT id FROM account_factor WHERE account_id = ? ORDER BY id LIMIT 1 OFFSET " + i, lead.id()));
        }
        String page = "/admin/account/second-factors";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Browser.Page>> answers = new java.util.ArrayList<>();
            for (long id : ids) {
                answers.add(pool.submit(() -> Leads.submit(browser, page, page + "/" + id + "/remove", Map.of())));
            }
            int refused = 0;
            for (var answer : answers) {
                Browser.Page removal = answer.get();
                if (removal.status() == 409) {
                    assertTrue(removal.body().contains("This is your only second factor"), removal.body());
                    refused++;
                } else {
                    assertEquals(303, removal.status(), removal.body());
                }
            }
            assertEquals(1, refused, "one removal is refused");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, queryLong("SELECT COUNT(*) FROM account_factor WHERE account_id = ?", lead.id()), "one factor is left");
    }

    /** Two tabs add an app each to an account one short of its bound: one is added, the other told why not. */
    @Test
    void two_apps_added_at_once_keep_the_account_within_its_bound() throws Exception {
        Account lead = leads.account(Role.LEAD);
        for (int i = 0; i < 8; i++) {
            execute("INSERT INTO account_factor (account_id, kind, label, secret, key_id, last_step, created_at) "
                    + "SELECT account_id, kind, label, secret, key_id, last_step, created_at FROM account_factor "
                    + "WHERE account_id = ? ORDER BY id LIMIT 1", lead.id());
        }
        Browser browser = leads.signedIn(lead);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (java.sql.Connection holder = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                .unwrapDataSource(dataSource).getConnection()) {
            List<Map<String, String>> forms = new java.util.ArrayList<>();
            for (int tab = 0; tab < 2; tab++) {
                Browser.Page enrol = browser.get("/admin/account/second-factors");
                assertEquals(200, enrol.status(), enrol.body());
                byte[] secret = BaseEncoding.base32().decode(enrol.html().selectFirst("code.token").text().replace(" ", ""));
                forms.add(Map.of("csrfToken", enrol.csrfToken(), "code", Leads.appCode(secret, clock.instant()),
                        "pending", enrol.html().selectFirst("input[name=pending]").attr("value"), "label", "tab " + tab));
            }
            holdRow(holder, "account", lead.id());
            List<java.util.concurrent.Future<Browser.Page>> answers = new java.util.ArrayList<>();
            for (Map<String, String> form : forms) {
                answers.add(pool.submit(() -> browser.postForm("/admin/account/second-factors/app", form)));
            }
            TestMailServer.sleep(700);
            assertFalse(answers.get(0).isDone() || answers.get(1).isDone(), "both wait for the account");
            holder.rollback();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                Browser.Page page = answer.get();
                statuses.add(page.status());
                if (page.status() == 409) {
                    assertTrue(page.body().contains("as many"), page.body());
                }
            }
            assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), "one added, one refused");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10, queryLong("SELECT COUNT(*) FROM account_factor WHERE account_id = ?", lead.id()));
    }
}
