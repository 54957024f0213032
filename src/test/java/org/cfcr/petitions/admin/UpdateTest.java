package org.cfcr.petitions.admin;

import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@io.micronaut.test.extensions.junit5.annotation.MicronautTest(transactional = false)
class UpdateTest extends AdminTest {

    private static final Pattern LIST_UNSUBSCRIBE = Pattern.compile("<(http://petitions\\.test(/unsubscribe/[^>]+))>");

    /** A signer who confirmed, in their language, with or without asking for updates. */
    private String confirmedSigner(Campaign campaign, String lang, boolean updates) {
        String email = uniqueEmail("update-" + lang);
        Map<String, String> form = signer("Signer " + lang, email);
        if (updates) {
            form.put("emailUpdates", "on");
        }
        Browser browser = browser();
        browser.get("/?lang=" + lang);
        assertEquals(303, browser.sign(campaign.slug(), form).status());
        assertEquals(303, browser.confirm(confirmLink(TestMailServer.awaitMessage(email))).status());
        return email;
    }

    @Test
    void an_update_reaches_the_signers_who_asked_in_their_language_and_unsubscribing_works_once() {
        Campaign campaign = openCampaign();
        Account lead = leadOf(campaign);
        String english = confirmedSigner(campaign, "en", true);
        String chinese = confirmedSigner(campaign, "zh", true);
        String notAsked = confirmedSigner(campaign, "en", false);

        Browser browser = signedIn(lead);
        String page = "/admin/campaigns/" + campaign.id();
        Browser.Page sent = submit(browser, page, page + "/updates", Map.of(
                "titleEn", "We delivered the petition", "titleZh", "我们已递交联署",
                "bodyEn", "Thank you all.\n\nMore soon.", "bodyZh", "谢谢大家。"));
        assertEquals(303, sent.status(), sent.body());

        TestMailServer.Mail en = TestMailServer.awaitMessages(english, 2, Duration.ofSeconds(15)).get(1);
        TestMailServer.Mail zh = TestMailServer.awaitMessages(chinese, 2, Duration.ofSeconds(15)).get(1);
        assertTrue(en.subject().contains("We delivered the petition"), en.subject());
        assertTrue(en.text().contains("More soon."));
        assertTrue(zh.subject().contains("我们已递交联署"), zh.subject());
        assertTrue(zh.text().contains("谢谢大家"));
        assertEquals("List-Unsubscribe=One-Click", en.header("List-Unsubscribe-Post"));
        Matcher link = LIST_UNSUBSCRIBE.matcher(en.header("List-Unsubscribe"));
        assertTrue(link.matches(), en.header("List-Unsubscribe"));
        assertTrue(en.text().contains(link.group(1)), "the unsubscribe link is in the text as well");

        // the update is on the public page, in each language
        assertTrue(browser().get("/campaigns/" + campaign.slug()).body().contains("We delivered the petition"));
        assertTrue(browser().get("/campaigns/" + campaign.slug() + "?lang=zh").body().contains("我们已递交联署"));
        eventually(Duration.ofSeconds(5), () -> browser.get(page).body().contains("sent to 2 signers"), "mailing counted");
        awaitMailSettled(campaign);
        assertEquals(1, TestMailServer.messagesTo(notAsked).size(), "only the confirmation email");

        // one click from the mail program (RFC 8058): a POST with no cookie and no CSRF token, twice
        String unsubscribe = link.group(2);
        Browser mailProgram = browser();
        Browser.Page first = mailProgram.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertEquals(200, first.status(), first.body());
        Browser.Page second = mailProgram.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertEquals(200, second.status());
        assertTrue(second.body().contains("You are unsubscribed"));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE email = ? AND email_updates = TRUE", english));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE email = ? AND status = 'CONFIRMED'", english),
                "the signature stays and counts");

        // the link page itself only shows a button; a forged link is refused
        assertTrue(browser().get(unsubscribe).body().contains("<button"));
        String forged = unsubscribe.substring(0, unsubscribe.length() - 2) + (unsubscribe.endsWith("AA") ? "BB" : "AA");
        assertEquals(404, browser().post(forged, "application/x-www-form-urlencoded", "").status());
        assertEquals(404, browser().get("/unsubscribe/123").status());

        // a second update no longer reaches the one who left
        assertEquals(303, submit(browser, page, page + "/updates", Map.of("titleEn", "Second", "titleZh", "第二",
                "bodyEn", "Again.", "bodyZh", "再次。")).status());
        TestMailServer.awaitMessages(chinese, 3, Duration.ofSeconds(15));
        awaitMailSettled(campaign);
        assertEquals(2, TestMailServer.messagesTo(english).size());
    }

    @Test
    void an_update_needs_both_languages() {
        Campaign campaign = openCampaign();
        Browser browser = signedIn(leadOf(campaign));
        String page = "/admin/campaigns/" + campaign.id();
        Browser.Page refused = submit(browser, page, page + "/updates", Map.of("titleEn", "Only English", "bodyEn", "Text"));
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("both languages"));
        assertFalse(browser().get("/campaigns/" + campaign.slug()).body().contains("Only English"));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM campaign_update WHERE campaign_id = ?", campaign.id()));
    }
}
