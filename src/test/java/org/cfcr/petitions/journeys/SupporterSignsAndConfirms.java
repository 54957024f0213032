package org.cfcr.petitions.journeys;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.signature.SigningSettings;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A supporter's story: signing, confirming by email, signing again, mistakes in the form, a closed campaign, and
 * withdrawing.
 */
@MicronautTest(transactional = false)
class SupporterSignsAndConfirms extends ServiceTest {

    @Test
    void a_supporter_signs_in_english_confirms_by_email_and_is_counted() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("jane");
        Browser jane = browser().acceptLanguage("en-GB,en;q=0.9");

        Browser.Page page = jane.get("/campaigns/" + campaign.slug());
        assertEquals("Petition to: The People's {0} Government", page.html().selectFirst(".kicker").text(),
                "text people typed comes out as typed, apostrophes and braces included");
        Browser.Page signed = jane.sign(campaign.slug(), signer("Jane O'Doe", email));
        assertEquals(303, signed.status());
        assertEquals("/campaigns/" + campaign.slug() + "/check-email", signed.location());
        Browser.Page check = jane.get(signed.location());
        assertEquals(200, check.status());
        assertTrue(check.html().text().contains("Check your email"));

        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        assertEquals("Please confirm your signature: Release the prisoners", mail.subject());
        assertNotNull(mail.html(), "the email has an HTML part");
        assertNotNull(mail.text(), "the email has a text part");
        assertTrue(mail.text().startsWith("Hello,"), mail.text());
        assertFalse(mail.text().contains("Jane O'Doe") || mail.html().contains("Doe"),
                "an email a submission causes carries no name it gave: " + mail.text());
        String link = confirmLink(mail);
        assertTrue(link.startsWith("http://petitions.test/confirm/"), link);
        assertTrue(mail.html().contains(link));

        Browser.Page confirmPage = jane.get(java.net.URI.create(link).getPath());
        assertEquals(200, confirmPage.status());
        assertEquals("Confirm my signature", confirmPage.html().selectFirst("form button").text());
        assertEquals(0, publicCountOf(campaign), "only confirmed signatures count");

        Browser.Page confirmed = jane.confirm(link);
        assertEquals(303, confirmed.status());
        Browser.Page thanks = jane.get(confirmed.location());
        assertTrue(thanks.html().selectFirst("h1").text().contains("Thank you"));

        eventually(Duration.ofSeconds(2), () -> publicCountOf(campaign) == 1, "the confirmation shows in the count");
        Browser.Page list = jane.get("/campaigns/" + campaign.slug() + "/signers");
        assertTrue(list.html().select("table.signers td").text().contains("Jane O'Doe"));
    }

    @Test
    void a_supporter_signs_in_chinese_and_gets_everything_in_chinese() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("liu");
        Browser liu = browser();
        Browser.Page page = liu.get("/campaigns/" + campaign.slug() + "?lang=zh");
        assertEquals("释放囚犯", page.html().selectFirst("h1").text());
        assertEquals("zh", page.html().selectFirst("html").attr("lang"));

        Map<String, String> form = signer("刘晓波", email);
        form.put("publicDisplay", "INITIALS");
        Browser.Page signed = liu.sign(campaign.slug(), form);
        assertEquals(303, signed.status());
        assertTrue(liu.get(signed.location()).html().text().contains("请查收电子邮件"));

        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        assertEquals("请确认您的签名：释放囚犯", mail.subject());
        assertTrue(mail.text().startsWith("您好："), mail.text());

        Browser.Page confirmPage = liu.get(java.net.URI.create(confirmLink(mail)).getPath());
        assertEquals("确认我的签名", confirmPage.html().selectFirst("form button").text());
        assertEquals(303, liu.confirm(confirmLink(mail)).status());

        eventually(Duration.ofSeconds(2), () -> publicCountOf(campaign) == 1, "the confirmation shows in the count");
        Browser.Page list = liu.get("/campaigns/" + campaign.slug() + "/signers");
        String names = list.html().select("table.signers td").text();
        assertTrue(names.contains("刘某"), names);
        assertFalse(names.contains("刘晓波"), "initials only, as the signer chose");
    }

    @Test
    void a_mail_scanner_opening_the_link_confirms_nothing() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("scanned");
        browser().sign(campaign.slug(), signer("Scanned Person", email));
        String link = confirmLink(TestMailServer.awaitMessage(email));
        Browser scanner = browser();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, scanner.get(java.net.URI.create(link).getPath()).status());
        }
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'PENDING'",
                campaign.id()));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED'",
                campaign.id()));
    }

    @Test
    void a_second_click_says_the_signature_was_already_confirmed() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("twice");
        Browser browser = browser();
        String link = signAndAwaitLink(browser, campaign, "Twice Clicked", email);
        assertEquals(303, browser.confirm(link).status());

        Browser.Page again = browser.get(java.net.URI.create(link).getPath());
        assertEquals(200, again.status());
        assertEquals("Already confirmed", again.html().selectFirst("h1").text());
        assertTrue(again.html().select("form button").isEmpty(), "no button left to press");
        eventually(Duration.ofSeconds(2), () -> publicCountOf(campaign) == 1, "counted once");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED'",
                campaign.id()));
    }

    @Test
    void an_unknown_or_mangled_link_gets_a_page_that_says_what_to_do() {
        Browser browser = browser();
        Browser.Page unknown = browser.get("/confirm/" + "A".repeat(43));
        assertEquals(404, unknown.status());
        assertEquals("We do not know this link", unknown.html().selectFirst("h1").text());

        Browser.Page cut = browser.get("/confirm/abc");
        assertEquals(404, cut.status());
        assertTrue(cut.html().text().contains("some email programs cut long links"));

        String csrfToken = browser.csrfToken();
        Browser.Page posted = browser.postForm("/confirm/" + "B".repeat(43), Map.of("csrfToken", csrfToken));
        assertEquals(404, posted.status());
    }

    @Test
    void an_expired_link_explains_how_to_get_a_new_one() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("late");
        Browser browser = browser();
        String link = signAndAwaitLink(browser, campaign, "Late Reader", email);
        clock.advance(Duration.ofDays(7).plusMinutes(1)); // links work for 7 days

        Browser.Page expired = browser.get(java.net.URI.create(link).getPath());
        assertEquals(410, expired.status());
        assertEquals("This link has expired", expired.html().selectFirst("h1").text());
        String csrfToken = browser.csrfToken();
        Browser.Page pressed = browser.postForm(java.net.URI.create(link).getPath(), Map.of("csrfToken", csrfToken));
        assertEquals(410, pressed.status());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED'",
                campaign.id()));
    }

    private long publicCountOf(Campaign campaign) {
        String json = browser().get("/api/v1/campaigns/" + campaign.slug()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"signatureCount\":(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }

    @Inject
    SigningSettings signing;

    @Test
    void signers_of_one_campaign_get_the_same_email_each_with_links_of_their_own() {
        Campaign campaign = openCampaign();
        String amy = uniqueEmail("amy");
        String bo = uniqueEmail("bo");
        browser().sign(campaign.slug(), signer("Amy First", amy));
        browser().sign(campaign.slug(), signer("Bo Second", bo));
        TestMailServer.Mail amysMail = TestMailServer.awaitMessage(amy);
        TestMailServer.Mail bosMail = TestMailServer.awaitMessage(bo);

        String amysLink = confirmLink(amysMail);
        String bosLink = confirmLink(bosMail);
        assertNotEquals(amysLink, bosLink);
        assertNotEquals(withdrawLink(amysMail), withdrawLink(bosMail));
        assertEquals(amysMail.text().replace(amysLink, "").replace(withdrawLink(amysMail), ""),
                bosMail.text().replace(bosLink, "").replace(withdrawLink(bosMail), ""),
                "one wording for the campaign, links apart");
        assertFalse(amysMail.html().contains(bosLink) || amysMail.text().contains(bosLink));
        assertTrue(amysMail.html().contains(amysLink) && amysMail.html().contains(withdrawLink(amysMail)));

        assertEquals(303, browser().confirm(amysLink).status());
        eventually(Duration.ofSeconds(2), () -> publicCountOf(campaign) == 1, "Amy's link confirms Amy");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'PENDING'",
                campaign.id()), "and only Amy");
    }

    @Test
    void a_pending_signer_who_signs_again_gets_a_new_link_and_every_link_works() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("forgetful");
        Browser browser = browser();
        Browser.Page first = browser.sign(campaign.slug(), signer("Forgetful Signer", email));
        TestMailServer.awaitMessage(email);

        Browser.Page tooSoon = browser.sign(campaign.slug(), signer("Forgetful Signer", email));
        assertEquals(first.status(), tooSoon.status());
        assertEquals(first.location(), tooSoon.location());
        assertEquals(1, emailsQueuedFor(campaign), "a second signing within the interval sends nothing");
        clock.advance(signing.resendInterval());

        Browser.Page later = browser.sign(campaign.slug(), signer("Forgetful Signer", email));
        assertEquals(first.location(), later.location());
        List<TestMailServer.Mail> mails = TestMailServer.awaitMessages(email, 2, Duration.ofSeconds(10));
        String firstLink = confirmLink(mails.get(0));
        String secondLink = confirmLink(mails.get(1));
        assertNotEquals(firstLink, secondLink);

        assertEquals(303, browser.confirm(firstLink).status(), "the older link still works");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()),
                "one person, one signature");
    }

    @Test
    void a_confirmed_signer_who_signs_again_is_told_by_email_and_the_page_gives_nothing_away() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("loyal");
        Browser browser = browser();
        Browser.Page first = browser.sign(campaign.slug(), signer("Loyal Supporter", email));
        browser.confirm(confirmLink(TestMailServer.awaitMessage(email)));
        clock.advance(signing.resendInterval());

        Browser stranger = browser();
        Browser.Page again = stranger.sign(campaign.slug(), signer("Someone Else", "  " + email.toUpperCase() + " "));
        assertEquals(first.status(), again.status());
        assertEquals(first.location(), again.location());
        assertEquals(browser.get(first.location()).body().replaceAll("csrfToken\" value=\"[^\"]*", ""),
                stranger.get(again.location()).body().replaceAll("csrfToken\" value=\"[^\"]*", ""),
                "the page after signing is the same whether or not the address had signed");

        List<TestMailServer.Mail> mails = TestMailServer.awaitMessages(email, 2, Duration.ofSeconds(10));
        assertEquals("You have already signed: Release the prisoners", mails.get(1).subject());
        assertTrue(mails.get(1).text().contains("already confirmed"));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
        assertEquals("Loyal Supporter", storedSignatures(campaign).get(0).name(),
                "a repeat signing never changes the stored signature");
    }

    @Test
    void a_signer_who_changes_their_mind_confirms_the_newer_link_and_it_publishes_the_newer_choice() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("changed-mind");
        Browser browser = browser();
        browser.sign(campaign.slug(), signer("Full Name Shown", email));
        String firstLink = confirmLink(TestMailServer.awaitMessage(email));

        clock.advance(signing.resendInterval());
        Map<String, String> second = signer("Full Name Shown", email);
        second.put("publicDisplay", "HIDDEN");
        browser.sign(campaign.slug(), second);
        String secondLink = confirmLink(TestMailServer.awaitMessages(email, 2, Duration.ofSeconds(10)).get(1));
        assertTrue(browser.get(java.net.URI.create(firstLink).getPath()).html().select("dl.preview").text()
                .contains("Full Name Shown"), "each link's page shows its own submission");
        Browser.Page confirmPage = browser.get(java.net.URI.create(secondLink).getPath());
        assertTrue(confirmPage.html().select("dl.preview").text().contains("Not shown"),
                "the newer link shows the newer choice: " + confirmPage.html().select("dl.preview").text());

        assertEquals(303, browser.confirm(secondLink).status());
        eventually(Duration.ofSeconds(3), () -> browser.get("/api/v1/campaigns/" + campaign.slug() + "/signers").body()
                .contains("\"name\":null"), "listed as hidden");
        assertTrue(!browser.get("/campaigns/" + campaign.slug() + "/signers").body().contains("Full Name Shown"));
        assertTrue(browser.get(java.net.URI.create(firstLink).getPath()).body().contains("Already confirmed"),
                "the older link finds it already confirmed");
        assertTrue(!browser.get("/campaigns/" + campaign.slug() + "/signers").body().contains("Full Name Shown"));
    }

    @Test
    void plus_tags_and_gmail_dots_do_not_make_a_second_signer() {
        Campaign campaign = openCampaign();
        String local = "dots" + System.nanoTime();
        for (String email : new String[] {local + "@gmail.com", local.charAt(0) + "." + local.substring(1) + "+again@gmail.com",
                local.toUpperCase() + "@googlemail.com"}) {
            assertEquals(202, browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                    "{\"name\":\"Same Person\",\"email\":\"" + email + "\",\"country\":\"CN\","
                            + "\"publicDisplay\":\"HIDDEN\",\"emailUpdates\":false}").status());
        }
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
    }

    @Test
    void the_api_answers_a_repeat_signer_exactly_like_a_new_one() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("api");
        String json = "{\"name\":\"Api Signer\",\"email\":\"" + email + "\",\"country\":\"HK\","
                + "\"publicDisplay\":\"HIDDEN\",\"emailUpdates\":false}";
        Browser client = browser();
        Browser.Page first = client.postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures", json);
        Browser.Page second = client.postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures", json);
        assertEquals(202, first.status());
        assertEquals(202, second.status());
        assertEquals("{\"status\":\"pending_confirmation\"}", first.body());
        assertEquals(first.body(), second.body());
    }

    /** Queued in the signing transaction, so known as soon as the form is answered. */
    private long emailsQueuedFor(Campaign campaign) {
        return queryLong("SELECT COUNT(*) FROM outbox_email WHERE signature_id IN "
                + "(SELECT id FROM signature WHERE campaign_id = ?)", campaign.id());
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("name", "", "Please enter your name."),
                Arguments.of("name", "   ", "Please enter your name."),
                Arguments.of("name", "x".repeat(101), "at most 100 characters"),
                Arguments.of("name", "Jane\u0000Doe", "control characters"),
                Arguments.of("name", "Jane\nDoe", "control characters"),
                Arguments.of("name", "Jane\u202EeoD", "control characters"),
                Arguments.of("email", "", "we need it to confirm"),
                Arguments.of("email", "not-an-email", "does not look like an email"),
                Arguments.of("email", "a@b@example.org", "does not look like an email"),
                Arguments.of("email", "jane@example.org\r\nBcc: victim@example.org", "does not look like an email"),
                Arguments.of("email", "x".repeat(250) + "@example.org", "too long"),
                Arguments.of("email", "someone@mailinator.com", "throwaway-mail"),
                Arguments.of("email", "someone@inbox.guerrillamail.com", "throwaway-mail"),
                Arguments.of("country", "", "choose your country"),
                Arguments.of("country", "XX", "from the list"),
                Arguments.of("city", "c".repeat(101), "at most 100 characters"),
                Arguments.of("city", "Town\u0007", "control characters"),
                Arguments.of("publicDisplay", "EVERYTHING", "how we should show you"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badFields")
    void the_form_comes_back_with_a_message_beside_the_wrong_field_and_nothing_is_stored(
            String field, String value, String message) {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("careless");
        Map<String, String> form = signer("Careless Signer", email);
        form.put(field, value);
        Browser.Page page = browser().sign(campaign.slug(), form);

        assertEquals(422, page.status());
        Document html = page.html();
        var error = html.selectFirst("#" + field + "-error, fieldset .error");
        assertNotNull(error, "a message beside " + field);
        assertTrue(error.text().contains(message), error.text());
        if (!field.equals("email")) {
            assertEquals(email, html.selectFirst("#email").attr("value"), "what was typed is kept");
        }
        if (!field.equals("country")) {
            assertEquals(form.get("country"), html.selectFirst("#country option[selected]").attr("value"), "the country chosen is kept");
            assertEquals(1, html.select("#country option[selected]").size());
        }
        assertTrue(html.select("#country option").size() > 240, "every country is offered");
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM outbox_email o JOIN signature s ON s.id = o.signature_id "
                + "WHERE s.campaign_id = ?", campaign.id()));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badFields")
    void the_api_answers_400_with_the_wrong_field_and_stores_nothing(String field, String value, String message) {
        Campaign campaign = openCampaign();
        Map<String, String> fields = signer("Careless Signer", uniqueEmail("careless"));
        fields.put(field, value);
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(jsonEscape(v)).append("\","));
        json.append("\"emailUpdates\":false}");
        Browser.Page page = browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures", json.toString());

        assertEquals(400, page.status());
        assertTrue(page.body().contains("\"" + field + "\":"), page.body());
        assertTrue(page.body().contains(message), page.body());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
    }

    @Test
    void names_in_any_script_up_to_100_characters_are_welcome() {
        Campaign campaign = openCampaign();
        String[] names = {"陈".repeat(100), "Zoë Ñúñez-O'Brien", "محمد علي", "😀".repeat(100), "Иван Петров"};
        for (String name : names) {
            Browser.Page page = browser().sign(campaign.slug(), signer(name, uniqueEmail("script")));
            assertEquals(303, page.status(), name);
        }
        assertEquals(names.length, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
        assertEquals(1, storedSignatures(campaign).stream().filter(signature -> signature.name().equals("😀".repeat(100)))
                .count(), "4-byte characters are stored intact");
    }

    @Test
    void hostile_text_is_shown_back_escaped() {
        Campaign campaign = openCampaign();
        Map<String, String> form = signer("<script>alert(1)</script>", "not-an-email");
        Browser.Page page = browser().sign(campaign.slug(), form);
        assertEquals(422, page.status());
        assertFalse(page.body().contains("<script>alert(1)</script>"));
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "\"true\"", "1", "0", "\"\"", "[]", "{}"})
    void a_boolean_field_takes_true_or_false_only(String value) {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("bool");
        Browser.Page page = browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"Bool\",\"email\":\"" + email + "\",\"country\":\"HK\",\"publicDisplay\":\"HIDDEN\","
                        + "\"emailUpdates\":" + value + "}");

        assertEquals(400, page.status(), page.body());
        assertTrue(page.body().contains("\"emailUpdates\""), page.body());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
    }

    @Test
    void a_signer_who_asks_for_updates_through_the_api_gets_them() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("wants");
        Browser.Page page = browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"Wants News\",\"email\":\"" + email + "\",\"country\":\"HK\","
                        + "\"publicDisplay\":\"HIDDEN\",\"emailUpdates\":true}");

        assertEquals(202, page.status(), page.body());
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND email_updates = TRUE",
                campaign.id()));
    }

    @Test
    void the_api_takes_json_only_and_says_so() {
        Campaign campaign = openCampaign();
        Browser client = browser();
        String path = "/api/v1/campaigns/" + campaign.slug() + "/signatures";
        Browser.Page form = client.post(path, "application/x-www-form-urlencoded", "name=x");
        assertEquals(415, form.status());
        assertTrue(form.body().contains("JSON"), form.body());
        Browser.Page broken = client.postJson(path, "{\"name\": ");
        assertEquals(400, broken.status());
        assertTrue(broken.body().contains("message"), broken.body());
        Browser.Page wrongType = client.postJson(path, "{\"name\": {\"a\": 1}}");
        assertEquals(400, wrongType.status());
    }

    @Test
    void unknown_draft_and_closed_campaigns_answer_404_404_and_409() {
        Campaign draft = campaign(CampaignState.DRAFT, null, null);
        Campaign closed = campaign(CampaignState.CLOSED, null, Instant.now().minusSeconds(60));
        Campaign pastDeadline = campaign(CampaignState.OPEN, Instant.now().minusSeconds(60), null);
        String json = "{\"name\":\"A\",\"email\":\"" + uniqueEmail("late") + "\",\"country\":\"CN\","
                + "\"publicDisplay\":\"HIDDEN\",\"emailUpdates\":false}";
        Browser client = browser();
        assertEquals(404, client.postJson("/api/v1/campaigns/no-such-campaign/signatures", json).status());
        assertEquals(404, client.postJson("/api/v1/campaigns/" + draft.slug() + "/signatures", json).status());
        assertEquals(409, client.postJson("/api/v1/campaigns/" + closed.slug() + "/signatures", json).status());
        assertEquals(409, client.postJson("/api/v1/campaigns/" + pastDeadline.slug() + "/signatures", json).status());
        assertEquals(404, client.get("/campaigns/" + draft.slug()).status());
        assertEquals(404, client.get("/api/v1/campaigns/" + draft.slug()).status());

        Browser.Page closedPage = client.get("/campaigns/" + closed.slug());
        assertEquals(200, closedPage.status());
        assertTrue(closedPage.html().select("form[action$=signatures]").isEmpty(), "no sign form on a closed campaign");
        Browser.Page posted = client.postForm("/campaigns/" + closed.slug() + "/signatures",
                Map.of("csrfToken", client.csrfToken(), "name", "A"));
        assertEquals(409, posted.status());
        assertTrue(posted.html().text().contains("closed"));
    }

    @Test
    void a_sign_form_that_the_browser_does_not_say_came_from_our_page_is_refused() {
        Campaign campaign = openCampaign();
        Map<String, String> form = signer("No Origin", uniqueEmail("origin"));
        Browser.Page page = browser().postForm("/campaigns/" + campaign.slug() + "/signatures", form, Map.of());
        assertEquals(403, page.status());
        assertTrue(page.html().text().contains("reload it, and sign again"), page.html().text());
        form.put("csrfToken", "forged");
        Browser victim = browser();
        victim.get("/campaigns/" + campaign.slug());
        assertEquals(403, victim.postForm("/campaigns/" + campaign.slug() + "/signatures", form, Map.of("Origin", "null")).status());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x202E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // A campaign takes signatures exactly while it is open: a lead's close is obeyed from the moment it is
    // committed, and public reads show it within two seconds. A signature made while it was open may be confirmed
    // for 24 hours after it closes.

    @Test
    void a_signer_who_confirms_within_the_grace_period_is_counted() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("grace");
        Browser browser = browser();
        String link = signAndAwaitLink(browser, campaign, "In Time", email);
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
        String link = signAndAwaitLink(browser, campaign, "Too Late", email);
        String csrfToken = browser.csrfToken();
        closeCampaign(campaign, Instant.now().minus(Duration.ofDays(2)));

        // the button decides on the campaign as stored now, even on a node that has not heard of the close
        Browser.Page pressed = browser.postForm(URI.create(link).getPath(), Map.of("csrfToken", csrfToken));
        assertEquals(409, pressed.status());
        assertEquals("This campaign has closed", pressed.html().selectFirst("h1").text());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED'",
                campaign.id()));
        // the link's page shows the campaign as the public sees it: the close within the freshness
        eventually(Duration.ofMillis(2100), () -> browser.get(URI.create(link).getPath()).status() == 409,
                "the link's page says the campaign closed");
        assertEquals("This campaign has closed", browser.get(URI.create(link).getPath()).html().selectFirst("h1").text());
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

    // A signer changes their mind: the link in the email removes the signature and erases them.


    // The pages of a campaign's links share one render (SharedRenders) and each signer's details go in per view:
    // a signer sees only their own, escaped, with their own browser's token, and no cache keeps the page.
    @Test
    void two_signers_of_one_campaign_each_see_only_their_own_details_on_their_links_page() {
        Campaign campaign = openCampaign();
        Browser first = browser();
        Browser second = browser();
        String hostile = "Wang \"><img src=x onerror=alert(1)> Dan";
        String firstLink = URI.create(signAndAwaitLink(first, campaign, hostile, uniqueEmail("first"))).getPath();
        String secondLink = URI.create(signAndAwaitLink(second, campaign, "Li Hua", uniqueEmail("second"))).getPath();

        Browser.Page mine = first.get(firstLink);
        Browser.Page theirs = second.get(secondLink);
        assertEquals(200, mine.status());
        assertEquals(hostile, mine.html().selectFirst("input[name=name]").val());
        assertFalse(mine.body().contains("<img src=x"), "the name is escaped where it is stamped in");
        assertEquals(hostile, mine.html().select("dl.preview dd").first().text());
        assertEquals(firstLink, mine.html().selectFirst("form.confirm-form").attr("action"));
        assertEquals("Li Hua", theirs.html().selectFirst("input[name=name]").val());
        assertEquals(secondLink, theirs.html().selectFirst("form.confirm-form").attr("action"));
        assertFalse(theirs.body().contains("Wang"), "nothing of another signer's");
        assertNotEquals(mine.csrfToken(), theirs.csrfToken(), "each browser its own token");
        assertEquals("private, no-store", mine.header("Cache-Control"));

        // each browser's own token works; the other's does not
        assertEquals(403, first.postForm(secondLink, Map.of("csrfToken", theirs.csrfToken())).status());
        assertEquals(303, first.submit(mine, "form.confirm-form", Map.of()).status());
        assertEquals(303, second.submit(theirs, "form.confirm-form", Map.of()).status());
        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED'",
                campaign.id()));
    }

    @Test
    void a_supporter_removes_a_confirmed_signature_and_is_erased() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("regret");
        Browser supporter = browser();
        Map<String, String> form = signer("Changed Mind", email);
        form.put("country", "TW");
        supporter.sign(campaign.slug(), form);
        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        supporter.confirm(confirmLink(mail));
        eventually(Duration.ofSeconds(3), () -> count(campaign).contains("\"signatureCount\":1"), "counted");

        String path = URI.create(withdrawLink(mail)).getPath();
        Browser.Page page = supporter.get(path);
        assertEquals(200, page.status());
        assertEquals("Remove my signature", page.html().selectFirst("form button").text());
        assertTrue(count(campaign).contains("\"signatureCount\":1"), "opening the link removes nothing");

        Browser.Page removed = supporter.postForm(path, Map.of("csrfToken", page.csrfToken()));
        assertEquals(303, removed.status());
        assertEquals("Your signature has been removed", supporter.get(removed.location()).html().selectFirst("h1").text());
        eventually(Duration.ofSeconds(3), () -> count(campaign).contains("\"signatureCount\":0"), "the count goes down");
        assertTrue(count(campaign).contains("\"signaturesByCountry\":{}"), count(campaign));
        assertFalse(browser().get("/campaigns/" + campaign.slug() + "/signers").body().contains("Changed Mind"));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND (email <> '' OR name <> '' "
                + "OR city IS NOT NULL)", campaign.id()), "name, email and city erased");

        Browser.Page again = supporter.get(path);
        assertEquals(404, again.status());
        assertEquals("Nothing to remove here", again.html().selectFirst("h1").text());
        assertEquals(404, supporter.get(URI.create(confirmLink(mail)).getPath()).status(), "the old links are dead");

        assertEquals(303, browser().sign(campaign.slug(), signer("Back Again", email)).status(),
                "the address is free to sign again");
        assertEquals(2, TestMailServer.awaitMessages(email, 2, Duration.ofSeconds(10)).size());
    }

    @Test
    void a_pending_signature_can_be_removed_too_and_the_count_is_untouched() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("pending-regret");
        Browser supporter = browser();
        supporter.sign(campaign.slug(), signer("Pending Regret", email));
        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        String path = URI.create(withdrawLink(mail)).getPath();
        String token = supporter.get(path).csrfToken();
        assertEquals(403, browser().postForm(path, Map.of("csrfToken", "forged")).status(), "CSRF still applies");
        assertEquals(303, supporter.postForm(path, Map.of("csrfToken", token)).status());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM count_delta WHERE campaign_id = ?", campaign.id()));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'WITHDRAWN' "
                + "AND email = ''", campaign.id()));
        assertEquals(404, supporter.get(URI.create(confirmLink(mail)).getPath()).status());
    }

    // The two buttons of one email pressed at the same moment (two tabs, a double-minded signer): the
    // confirmation has read its link and waits for the signature's lock while the removal erases it.
    // The removal is final; the confirmation must not bring the signature back, nor count it.
    @Test
    void a_removal_committed_while_a_confirmation_waits_for_the_signature_stays_removed() throws Exception {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("both-buttons");
        Browser supporter = browser();
        supporter.sign(campaign.slug(), signer("Both Buttons", email));
        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        String confirmPath = URI.create(confirmLink(mail)).getPath();
        String withdrawPath = URI.create(withdrawLink(mail)).getPath();
        String confirmToken = supporter.get(confirmPath).csrfToken();
        String withdrawToken = supporter.get(withdrawPath).csrfToken();
        long id = queryLong("SELECT id FROM signature WHERE campaign_id = ?", campaign.id());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection holder = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            holdRow(holder, "signature", id);
            Future<Integer> removal = pool.submit(() -> supporter.postForm(withdrawPath,
                    Map.of("csrfToken", withdrawToken)).status());
            TestMailServer.sleep(700);
            Future<Integer> confirmation = pool.submit(() -> supporter.postForm(confirmPath,
                    Map.of("csrfToken", confirmToken)).status());
            TestMailServer.sleep(700);
            assertFalse(removal.isDone() || confirmation.isDone(), "both wait for the signature, the removal first");
            holder.rollback();
            assertEquals(303, removal.get());
            assertNotEquals(303, confirmation.get(), "the confirmation of a removed signature confirms nothing");
        } finally {
            pool.shutdown();
        }
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE id = ? AND status = 'WITHDRAWN' AND email = '' "
                + "AND name = ''", id), "removed and erased");
        assertEquals(0, queryLong("SELECT COALESCE((SELECT SUM(delta) FROM count_delta WHERE campaign_id = ?), 0) "
                + "+ COALESCE((SELECT confirmed FROM campaign_count WHERE campaign_id = ?), 0)", campaign.id(),
                campaign.id()), "never counted");
    }

    private String count(Campaign campaign) {
        return browser().get("/api/v1/campaigns/" + campaign.slug()).body();
    }
}
