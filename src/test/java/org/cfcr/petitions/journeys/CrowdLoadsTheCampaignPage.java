package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crowd loads one campaign page: it is rendered once a second per language and each visitor's
 * tokens are put in it, so each still gets a form only their own browser can send, in their own
 * language, with a count at most a moment old, and what one visitor typed is never shown to another.
 */
@MicronautTest(transactional = false)
class CrowdLoadsTheCampaignPage extends ServiceTest {

    @Test
    void each_visitor_gets_a_form_token_of_their_own_that_another_browser_cannot_send() {
        Campaign campaign = openCampaign();
        Browser alice = browser().from("203.0.113.31");
        Browser bob = browser().from("203.0.113.32");
        Browser.Page alicePage = alice.get("/campaigns/" + campaign.slug());
        Browser.Page bobPage = bob.get("/campaigns/" + campaign.slug());
        assertNotEquals(alicePage.csrfToken(), bobPage.csrfToken());
        assertEquals(withoutTokens(alicePage), withoutTokens(bobPage), "the same page but for the tokens");

        Map<String, String> fields = signer("Bob Crowd", uniqueEmail("bob"));
        fields.put("csrfToken", alicePage.csrfToken());
        fields.put("formToken", alicePage.html().selectFirst("input[name=formToken]").attr("value"));
        Browser.Page stolen = bob.postForm("/campaigns/" + campaign.slug() + "/signatures", fields);
        assertEquals(403, stolen.status(), "a token from another visitor's page does not send this browser's form");
        assertEquals(303, bob.sign(campaign.slug(), signer("Bob Crowd", uniqueEmail("bob"))).status());
    }

    @Test
    void a_browser_that_takes_gzip_gets_the_same_page_gzipped_and_can_sign_with_it() {
        Campaign campaign = openCampaign();
        Browser visitor = browser().from("203.0.113.35");
        Browser.Page gzipped = visitor.getGzipped("/campaigns/" + campaign.slug() + "?lang=zh");
        assertEquals("gzip", gzipped.header("Content-Encoding"));
        assertTrue(gzipped.header("Vary").contains("Accept-Encoding"), gzipped.header("Vary"));
        Browser.Page plain = visitor.get("/campaigns/" + campaign.slug() + "?lang=zh");
        assertEquals(null, plain.header("Content-Encoding"));
        assertEquals(withoutTokens(plain), withoutTokens(gzipped));
        assertTrue(gzipped.body().contains("</html>"));
        assertEquals(303, visitor.submit(gzipped, "form[method=post]", signer("Gzip Reader", uniqueEmail("gzip"))).status(),
                "the tokens of the gzipped page send the form");
    }

    @Test
    void what_a_visitor_typed_is_shown_back_to_them_alone() {
        Campaign campaign = openCampaign();
        Browser careless = browser().from("203.0.113.33");
        Map<String, String> fields = signer("Careless Typist", "not-an-email");
        Browser.Page refused = careless.sign(campaign.slug(), fields);
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("Careless Typist"));
        Browser.Page other = browser().from("203.0.113.34").get("/campaigns/" + campaign.slug());
        assertTrue(!other.body().contains("Careless Typist") && !other.body().contains("not-an-email"), other.body());
    }

    @Test
    void each_language_has_its_own_page_and_other_query_parameters_get_a_page_of_their_own() {
        Campaign campaign = openCampaign();
        Browser visitor = browser();
        Browser.Page english = visitor.get("/campaigns/" + campaign.slug() + "?lang=en");
        Browser.Page chinese = visitor.get("/campaigns/" + campaign.slug() + "?lang=zh");
        assertEquals("en", english.html().selectFirst("html").attr("lang"));
        assertEquals("zh", chinese.html().selectFirst("html").attr("lang"));
        Browser.Page tagged = visitor.get("/campaigns/" + campaign.slug() + "?utm_source=chat");
        assertTrue(tagged.html().selectFirst("a.lang-switch").attr("href").contains("utm_source=chat"),
                "the language switch keeps the other parameters");
    }

    @Test
    void the_count_on_the_page_is_at_most_a_moment_old() throws Exception {
        Campaign campaign = openCampaign();
        Browser visitor = browser();
        assertEquals("0", visitor.get("/campaigns/" + campaign.slug()).html().selectFirst("[data-live-count]").text());
        signatures(campaign).named("Counted Signer").confirmed();
        execute("INSERT INTO count_delta (campaign_id, country, delta, created_at) VALUES (?, 'CN', 1, ?)",
                campaign.id(), java.sql.Timestamp.from(java.time.Instant.now())); // what confirming adds
        String shown = "0";
        for (int tries = 0; tries < 40 && shown.equals("0"); tries++) {
            Thread.sleep(100);
            shown = visitor.get("/campaigns/" + campaign.slug()).html().selectFirst("[data-live-count]").text();
        }
        assertEquals("1", shown, "within four seconds of the confirmation");
    }

    @Test
    void the_shared_signer_list_has_a_render_per_page_number_and_shows_a_new_signer_within_moments() {
        Campaign campaign = openCampaign();
        for (int i = 0; i < 51; i++) {
            signatures(campaign).named("Listed " + i).showing(PublicDisplay.FULL_NAME)
                    .at(java.time.Instant.parse("2026-03-13T10:00:00Z").plusSeconds(i)).confirmed();
        }
        execute("INSERT INTO count_delta (campaign_id, country, delta, created_at) VALUES (?, 'HK', 51, ?)",
                campaign.id(), java.sql.Timestamp.from(java.time.Instant.now())); // what confirming adds
        Browser visitor = browser();
        String list = "/campaigns/" + campaign.slug() + "/signers";
        eventually(Duration.ofSeconds(4), () -> visitor.get(list).body().contains("?page=2"), "a second page");
        assertTrue(visitor.get(list).body().contains("Listed 50"));
        Browser.Page second = visitor.get(list + "?page=2");
        assertTrue(second.body().contains("Listed 0") && !second.body().contains("Listed 50"), "page 2 is its own render");
        assertTrue(visitor.getGzipped(list + "?page=2&lang=zh").body().contains("Listed 0"));

        signatures(campaign).named("Newest Signer").showing(PublicDisplay.FULL_NAME).confirmed();
        eventually(Duration.ofSeconds(4), () -> visitor.get(list).body().contains("Newest Signer"),
                "a new signer on the list within a couple of seconds, like the count");
    }

    private static String withoutTokens(Browser.Page page) {
        return page.body().replace(page.csrfToken(), "CSRF").replaceAll("name=\"formToken\" value=\"[^\"]*\"", "FORM");
    }
}
