package org.cfcr.petitions.signature;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class RepeatSignerTest extends ServiceTest {

    /** petitions.resend-interval in application.yml */
    private static final Duration RESEND_INTERVAL = Duration.ofMinutes(10);

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
        clock.advance(RESEND_INTERVAL);

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
        clock.advance(RESEND_INTERVAL);

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
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND name = 'Loyal Supporter'",
                campaign.id()), "a repeat signing never changes the stored signature");
    }

    @Test
    void until_it_is_confirmed_the_latest_signing_decides_what_is_published() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("changed-mind");
        Browser browser = browser();
        Map<String, String> first = signer("Full Name Shown", email);
        browser.sign(campaign.slug(), first);
        String link = confirmLink(TestMailServer.awaitMessage(email));

        Map<String, String> second = signer("Full Name Shown", email);
        second.put("publicDisplay", "HIDDEN");
        browser.sign(campaign.slug(), second);
        Browser.Page confirmPage = browser.get(java.net.URI.create(link).getPath());
        assertTrue(confirmPage.html().select("dl.preview").text().contains("Not shown"),
                "the confirm page shows the latest choice: " + confirmPage.html().select("dl.preview").text());

        assertEquals(303, browser.confirm(link).status());
        eventually(Duration.ofSeconds(3), () -> browser.get("/api/v1/campaigns/" + campaign.slug() + "/signers").body()
                .contains("\"name\":null"), "listed as hidden");
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
}
