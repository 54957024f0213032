package org.cfcr.petitions.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crowds and CDNs: cacheable public reads, conditional requests answered with 304, reads from any origin. */
@MicronautTest(transactional = false)
class PublicReadCachingTest extends ServiceTest {

    private final HttpClient client = HttpClient.newHttpClient();

    /**
     * Micronaut refuses cross-origin requests to a server on localhost (a guard against drive-by
     * attacks on developer machines); the test server listens on 127.0.0.1, a real one does not.
     */
    @Override
    protected java.util.Map<String, String> extraProperties() {
        return java.util.Map.of("micronaut.server.cors.localhost-pass-through", "true");
    }

    @Test
    void a_repeat_read_with_the_etag_gets_304_and_no_body() throws Exception {
        Campaign campaign = openCampaign();
        HttpResponse<String> first = get("/api/v1/campaigns/" + campaign.slug(), null);
        assertEquals(200, first.statusCode());
        String etag = first.headers().firstValue("ETag").orElse(null);
        assertNotNull(etag);
        assertEquals("public, max-age=2, stale-while-revalidate=30, stale-if-error=600",
                first.headers().firstValue("Cache-Control").orElse(""));

        Thread.sleep(700); // several reloads of the counts later, nothing changed: still the same representation
        HttpResponse<String> again = get("/api/v1/campaigns/" + campaign.slug(), etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());

        HttpResponse<String> chinese = get("/api/v1/campaigns/" + campaign.slug() + "?lang=zh", etag);
        assertEquals(200, chinese.statusCode(), "another representation, another ETag");
    }

    @Test
    void api_reads_are_open_to_other_origins_and_writes_are_not_cached() throws Exception {
        Campaign campaign = openCampaign();
        HttpResponse<String> read = client.send(HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                .header("Origin", "https://newsroom.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("*", read.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpResponse<String> write = client.send(HttpRequest.newBuilder(uri("/api/v1/campaigns/" + campaign.slug()
                        + "/signatures")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, write.statusCode());
        assertEquals("no-store", write.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(write.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no cross-origin writes");
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }
}
