package org.cfcr.petitions.signature;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three supporters, three display choices: the public sees exactly what each chose, and never an email. */
@MicronautTest(transactional = false)
class PublicListTest extends ServiceTest {

    private Campaign campaign;
    private final String fullEmail = uniqueEmail("full");
    private final String initialsEmail = uniqueEmail("initials");
    private final String hiddenEmail = uniqueEmail("hidden");
    private final String pendingEmail = uniqueEmail("pending");

    @BeforeAll
    void three_supporters_sign_and_confirm_one_does_not() {
        campaign = openCampaign();
        signAndConfirm("Wei Jingsheng", fullEmail, "FULL_NAME");
        signAndConfirm("Ding Zilin", initialsEmail, "INITIALS");
        signAndConfirm("Secret Supporter", hiddenEmail, "HIDDEN");
        Map<String, String> pending = signer("Not Yet Confirmed", pendingEmail);
        browser().sign(campaign.slug(), pending);
        eventually(Duration.ofSeconds(3), () -> browser().get("/api/v1/campaigns/" + campaign.slug()).body()
                .contains("\"signatureCount\":3"), "three confirmed signatures counted");
    }

    @Test
    void the_signer_list_api_shows_each_signer_as_they_chose_newest_first() {
        String json = browser().get("/api/v1/campaigns/" + campaign.slug() + "/signers?page=0&size=50").body();
        assertTrue(json.startsWith("{\"items\":[{\"name\":null,\"country\":\"CN\",\"city\":null,\"signedAt\":\""), json);
        int hidden = json.indexOf("\"name\":null");
        int initials = json.indexOf("\"name\":\"D. Z.\"");
        int full = json.indexOf("\"name\":\"Wei Jingsheng\"");
        assertTrue(hidden >= 0 && initials > hidden && full > initials, "newest first: " + json);
        assertTrue(json.contains("\"total\":3"), json);
        assertTrue(json.endsWith("\"page\":0,\"size\":50}"), json);
        assertFalse(json.contains("Secret Supporter"));
        assertFalse(json.contains("Ding Zilin"));
        assertFalse(json.contains("Not Yet Confirmed"), "pending signatures are not listed");
    }

    @Test
    void the_signer_list_page_shows_the_same_choices() {
        Browser.Page page = browser().get("/campaigns/" + campaign.slug() + "/signers");
        String table = page.html().select("table.signers").text();
        assertTrue(table.contains("Wei Jingsheng"));
        assertTrue(table.contains("D. Z."));
        assertTrue(table.contains("A signer who chose not to be shown"));
        assertFalse(table.contains("Secret Supporter"));
        assertFalse(table.contains("Not Yet Confirmed"));
        assertEquals(3, page.html().select("table.signers tbody tr").size());
    }

    @Test
    void paging_is_checked_and_explained() {
        Browser client = browser();
        assertEquals(400, client.get("/api/v1/campaigns/" + campaign.slug() + "/signers?size=1000").status());
        assertEquals(400, client.get("/api/v1/campaigns/" + campaign.slug() + "/signers?page=-1").status());
        assertEquals(400, client.get("/api/v1/campaigns/" + campaign.slug() + "/signers?page=200&size=50").status(),
                "pages reach back over the newest 10,000 signers only");
        assertEquals(200, client.get("/api/v1/campaigns/" + campaign.slug() + "/signers?page=199&size=50").status());
        Browser.Page bad = client.get("/api/v1/campaigns/" + campaign.slug() + "/signers?page=abc");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("page must be a number"), bad.body());
        String second = client.get("/api/v1/campaigns/" + campaign.slug() + "/signers?page=1&size=2").body();
        assertTrue(second.contains("\"name\":\"Wei Jingsheng\""), second);
        assertEquals(200, client.get("/campaigns/" + campaign.slug() + "/signers?page=zzz").status());
    }

    @Test
    void no_email_address_appears_in_any_public_page_or_api_answer() {
        Browser visitor = browser();
        List<String> paths = List.of("/", "/?lang=zh", "/campaigns/" + campaign.slug(),
                "/campaigns/" + campaign.slug() + "/signers", "/campaigns/" + campaign.slug() + "/check-email",
                "/api/v1/campaigns", "/api/v1/campaigns/" + campaign.slug(),
                "/api/v1/campaigns/" + campaign.slug() + "/signers", "/api/v1/campaigns/" + campaign.slug() + "/signers?size=100");
        for (String path : paths) {
            String body = visitor.get(path).body();
            for (String email : List.of(fullEmail, initialsEmail, hiddenEmail, pendingEmail)) {
                assertFalse(body.toLowerCase().contains(email.toLowerCase()), email + " appears in " + path);
                assertFalse(body.contains(email.substring(0, email.indexOf('@'))), "local part of " + email + " in " + path);
            }
        }
    }

    private void signAndConfirm(String name, String email, String display) {
        Map<String, String> form = signer(name, email);
        form.put("publicDisplay", display);
        Browser browser = browser();
        assertEquals(303, browser.sign(campaign.slug(), form).status());
        assertEquals(303, browser.confirm(confirmLink(TestMailServer.awaitMessage(email))).status());
        // distinct confirmation times, for the newest-first order on second-precision databases
        clock.advance(Duration.ofSeconds(1));
    }
}
