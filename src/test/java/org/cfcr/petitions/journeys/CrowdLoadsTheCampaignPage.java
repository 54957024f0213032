package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void the_page_is_the_same_for_every_visitor_and_a_shared_cache_may_keep_it_a_moment() {
        Campaign campaign = openCampaign();
        Browser.Page alicePage = browser().from("203.0.113.31").get("/campaigns/" + campaign.slug());
        Browser.Page bobPage = browser().from("203.0.113.32").get("/campaigns/" + campaign.slug());
        assertEquals(withoutTokens(alicePage), withoutTokens(bobPage), "the same page but for the form's time");
        assertEquals(null, alicePage.html().selectFirst("input[name=csrfToken]"), "no token of one browser's");
        assertEquals(null, alicePage.header("Set-Cookie"), "no cookie of one browser's");
        assertEquals("public, max-age=1", alicePage.header("Cache-Control"));
        assertTrue(alicePage.header("Vary").contains("Accept-Language"), alicePage.header("Vary"));
        assertEquals("same-origin", alicePage.header("Referrer-Policy"),
                "the browser sends our origin with our own form, and no other site learns where a visitor came from");
    }

    @Test
    void the_sign_form_is_taken_only_when_the_browser_says_it_came_from_our_page() {
        Campaign campaign = openCampaign();
        String action = "/campaigns/" + campaign.slug() + "/signatures";
        Browser visitor = browser().from("203.0.113.36");
        assertEquals(303, visitor.sign(campaign.slug(), signer("Same Origin", uniqueEmail("same"))).status());
        assertEquals(303, visitor.postForm(action, signer("Our Origin", uniqueEmail("origin")),
                Map.of("Origin", "http://petitions.test")).status(), "a browser without Sec-Fetch-Site sends our Origin");
        for (Map<String, String> forged : List.of(
                Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null"),
                Map.<String, String>of())) {
            Browser.Page refused = visitor.postForm(action, signer("Forged " + forged, uniqueEmail("forged")), forged);
            assertEquals(403, refused.status(), "refused: " + forged);
            assertTrue(refused.body().contains("reload it, and sign again") || refused.body().contains("another website"),
                    refused.body());
        }
        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()),
                "the two sent from our page, none of the forged ones");
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
                "the gzipped page's form is sent");
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
    void each_language_has_its_own_page_and_other_query_parameters_share_it() {
        Campaign campaign = openCampaign();
        Browser visitor = browser();
        Browser.Page english = visitor.get("/campaigns/" + campaign.slug() + "?lang=en");
        Browser.Page chinese = visitor.get("/campaigns/" + campaign.slug() + "?lang=zh");
        assertEquals("en", english.html().selectFirst("html").attr("lang"));
        assertEquals("zh", chinese.html().selectFirst("html").attr("lang"));
        Browser.Page tagged = visitor.get("/campaigns/" + campaign.slug() + "?lang=en&fbclid=abc&page=99999");
        assertEquals("?lang=zh", tagged.html().selectFirst("a.lang-switch").attr("href"),
                "a chat app's tag or a made-up page number is not carried, so it makes no render of its own");
        assertEquals(withoutTokens(english), withoutTokens(tagged));
        assertEquals(null, english.html().selectFirst("meta[name=referrer]"),
                "no meta tag overrides the page's Referrer-Policy, which lets the browser send our origin with the form");
    }

    @Test
    void pages_of_two_campaigns_never_share_a_render_and_the_widget_keeps_its_own_caching() {
        Campaign first = openCampaign();
        Campaign second = openCampaign();
        for (String page : List.of("/press", "/check-email", "/signers", "")) {
            String one = browser().get("/campaigns/" + first.slug() + page).body();
            String other = browser().get("/campaigns/" + second.slug() + page).body();
            assertTrue(one.contains(first.slug()) && !one.contains(second.slug()), page);
            assertTrue(other.contains(second.slug()) && !other.contains(first.slug()), page);
        }
        Browser.Page widget = browser().get("/embed/" + first.slug());
        assertTrue(widget.header("Cache-Control").contains("stale-if-error"), widget.header("Cache-Control"));
        assertFalse(widget.header("Vary").contains("Accept-Language"), "its language is in its address: " + widget.header("Vary"));
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
        return page.body().replaceAll("name=\"formToken\" value=\"[^\"]*\"", "FORM");
    }
}
