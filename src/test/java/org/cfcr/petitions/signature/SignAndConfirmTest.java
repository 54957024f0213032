package org.cfcr.petitions.signature;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class SignAndConfirmTest extends ServiceTest {

    @Test
    void a_supporter_signs_in_english_confirms_by_email_and_is_counted() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("jane");
        Browser jane = browser().acceptLanguage("en-GB,en;q=0.9");

        Browser.Page page = jane.get("/campaigns/" + campaign.slug());
        assertEquals("Petition to: The People's {0} Government", page.html().selectFirst(".target").text(),
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
        assertTrue(mail.text().contains("Dear Jane O'Doe,"), mail.text());
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
        assertTrue(mail.text().contains("刘晓波，您好："), mail.text());

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
        browser.sign(campaign.slug(), signer("Twice Clicked", email));
        String link = confirmLink(TestMailServer.awaitMessage(email));
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

        String csrfToken = browser.get("/campaigns/" + openCampaign().slug()).csrfToken();
        Browser.Page posted = browser.postForm("/confirm/" + "B".repeat(43), Map.of("csrfToken", csrfToken));
        assertEquals(404, posted.status());
    }

    @Test
    void an_expired_link_explains_how_to_get_a_new_one() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("late");
        Browser browser = browser();
        browser.sign(campaign.slug(), signer("Late Reader", email));
        String link = confirmLink(TestMailServer.awaitMessage(email));
        clock.advance(Duration.ofDays(7).plusMinutes(1)); // links work for 7 days

        Browser.Page expired = browser.get(java.net.URI.create(link).getPath());
        assertEquals(410, expired.status());
        assertEquals("This link has expired", expired.html().selectFirst("h1").text());
        String csrfToken = browser.get("/campaigns/" + campaign.slug()).csrfToken();
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
}
