package org.cfcr.petitions.signature;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
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

/** A signer changes their mind: the link in the email removes the signature and erases them. */
@MicronautTest(transactional = false)
class WithdrawalTest extends ServiceTest {

    private static final Pattern WITHDRAW_LINK = Pattern.compile("https?://\\S+/withdraw/[A-Za-z0-9_-]+");

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

    private String count(Campaign campaign) {
        return browser().get("/api/v1/campaigns/" + campaign.slug()).body();
    }

    private static String withdrawLink(TestMailServer.Mail mail) {
        Matcher matcher = WITHDRAW_LINK.matcher(mail.text());
        assertTrue(matcher.find(), "a remove link in: " + mail.text());
        assertTrue(mail.html().contains("/withdraw/"), "and in the HTML part");
        return matcher.group();
    }
}
