package org.cfcr.petitions.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class LiveCountTest extends ServiceTest {

    @Test
    void a_journalist_watching_the_stream_sees_a_confirmation_within_a_second_or_two() throws Exception {
        Campaign campaign = openCampaign();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort()
                + "/api/v1/campaigns/" + campaign.slug() + "/live")).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> stream = response.get(5, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Thread reader = new Thread(() -> stream.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();

        assertEquals("event: count", nextNonBlank(lines));
        String first = nextNonBlank(lines);
        assertTrue(first.contains("\"signatureCount\":0"), first);

        String email = uniqueEmail("watched");
        Browser supporter = browser();
        supporter.sign(campaign.slug(), signer("Watched Supporter", email));
        String link = confirmLink(TestMailServer.awaitMessage(email));
        long confirmedAt = System.nanoTime();
        assertEquals(303, supporter.confirm(link).status());

        String update = null;
        while (update == null || !update.contains("\"signatureCount\":1")) {
            update = lines.poll(3, TimeUnit.SECONDS);
            assertNotNull(update, "no update within 3 seconds of the confirmation");
        }
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - confirmedAt).toMillis();
        assertTrue(elapsedMillis < 1500, "the new count arrived " + elapsedMillis + " ms after the confirmation");
    }

    @Test
    void the_stream_of_an_unknown_campaign_is_a_404() {
        assertEquals(404, browser().get("/api/v1/campaigns/no-such-campaign/live").status());
    }

    @Test
    void the_campaign_page_loads_only_first_party_script_for_the_live_count() {
        Campaign campaign = openCampaign();
        var page = browser().get("/campaigns/" + campaign.slug()).html();
        assertEquals("/static/live.js", page.selectFirst("script").attr("src"));
        assertEquals(campaign.slug(), page.selectFirst("[data-live-slug]").attr("data-live-slug"));
        assertEquals("0", page.selectFirst("[data-live-count]").text(), "without script the count is on the page");
        assertEquals(200, browser().get("/static/live.js").status());
    }

    private static String nextNonBlank(BlockingQueue<String> lines) throws InterruptedException {
        while (true) {
            String line = lines.poll(5, TimeUnit.SECONDS);
            assertNotNull(line, "the stream went quiet");
            if (!line.isBlank()) {
                return line;
            }
        }
    }
}
