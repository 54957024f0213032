package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.ServiceTest;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A visitor sees at once where a campaign stands and how to join it: the count and a button to the
 * form first, an invitation rather than an empty chart before anyone signed, the latest signers as
 * each chose to be shown, and on the home page one progress bar per campaign.
 */
@MicronautTest(transactional = false)
class VisitorSeesWhereACampaignStands extends ServiceTest {

    @Test
    void a_campaign_no_one_signed_yet_invites_the_first_signature_instead_of_an_empty_chart() {
        Campaign campaign = openCampaign();
        Document page = browser().get("/campaigns/" + campaign.slug()).html();
        assertNotNull(page.selectFirst(".empty-state"), "an invitation to be the first");
        assertNull(page.selectFirst("figure.chart"), "no empty chart");
        Element signNow = page.selectFirst(".tally-card a.sign-now");
        assertEquals("#sign", signNow.attr("href"), "the button at the top leads to the form");
        assertNotNull(page.selectFirst("section#sign form.sign-form"));
    }

    @Test
    void the_latest_signers_show_as_each_chose_and_never_with_their_email() {
        Campaign campaign = openCampaign();
        String shown = uniqueEmail("shown");
        String hidden = uniqueEmail("hidden");
        browser().sign(campaign.slug(), signer("Amy Lee", shown));
        Map<String, String> discreet = signer("Hidden Person", hidden);
        discreet.put("publicDisplay", "HIDDEN");
        browser().sign(campaign.slug(), discreet);
        confirmAs(shown);
        confirmAs(hidden);
        awaitCount(campaign, 2);

        eventually(Duration.ofSeconds(10), () -> browser().get("/campaigns/" + campaign.slug()).html()
                .select(".latest-list li").size() == 2, "both signers are among the latest");
        Document page = browser().get("/campaigns/" + campaign.slug()).html();
        String latest = page.selectFirst("section.latest").text();
        assertTrue(latest.contains("Amy Lee"), latest);
        assertTrue(latest.contains("A signer who chose not to be shown"), latest);
        assertFalse(latest.contains("Hidden Person"), "a hidden signer's name is not shown");
        assertFalse(page.outerHtml().contains(shown) || page.outerHtml().contains(hidden), "no email on the page");
        assertNull(page.selectFirst(".empty-state"));
        assertEquals("2", page.selectFirst("[data-live-count]").text());
    }

    /** The page budget: a phone on a slow or filtered connection gets the whole page in one small load. */
    @Test
    void the_campaign_page_with_everything_it_loads_is_at_most_50_kb_as_sent() throws Exception {
        Campaign campaign = coalitionCampaign();
        for (int i = 0; i < 5; i++) {
            String email = uniqueEmail("weight");
            browser().sign(campaign.slug(), signer("Weighed Signer " + i, email));
            confirmAs(email);
        }
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.getPort();
        for (String lang : List.of("en", "zh", "zh-Hant")) {
            HttpResponse<byte[]> page = gzipped(client, base + "/campaigns/" + campaign.slug() + "?lang=" + lang);
            long sent = sent(page);
            Document html = org.jsoup.Jsoup.parse(new String(gunzip(page), StandardCharsets.UTF_8));
            List<String> loads = new ArrayList<>(html.select("link[rel=stylesheet]").eachAttr("href"));
            loads.addAll(html.select("script[src]").eachAttr("src"));
            loads.addAll(html.select("img[src]").eachAttr("src"));
            for (String path : loads) {
                assertTrue(path.startsWith("/"), "only our own files: " + path);
                HttpResponse<byte[]> file = gzipped(client, base + path);
                assertEquals(200, file.statusCode(), path);
                sent += sent(file);
            }
            assertTrue(sent <= 50_000, lang + ": the page and its " + loads.size() + " files are " + sent + " bytes");
        }
    }

    private static HttpResponse<byte[]> gzipped(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body and the headers as they went over the wire. */
    private static long sent(HttpResponse<byte[]> response) {
        long headers = response.headers().map().entrySet().stream()
                .mapToLong(h -> h.getKey().length() + 4 + h.getValue().stream().mapToLong(String::length).sum()).sum();
        return response.body().length + headers;
    }

    private static byte[] gunzip(HttpResponse<byte[]> response) throws Exception {
        if (!"gzip".equals(response.headers().firstValue("Content-Encoding").orElse(""))) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        }
    }

    @Test
    void the_home_page_draws_one_progress_bar_per_campaign() {
        openCampaign();
        Document home = browser().get("/").html();
        assertFalse(home.select("li.card").isEmpty());
        for (Element card : home.select("li.card")) {
            assertEquals(1, card.select("progress").size(), card.outerHtml());
        }
    }

    @Test
    void a_closed_campaign_says_so_and_offers_no_sign_button() {
        Campaign closed = campaign(CampaignState.CLOSED, null, Instant.now().minus(Duration.ofDays(1)));
        Document page = browser().get("/campaigns/" + closed.slug()).html();
        assertNull(page.selectFirst("a.sign-now"));
        assertNull(page.selectFirst(".empty-state"));
        assertNotNull(page.selectFirst("p.notice"));
    }
}
