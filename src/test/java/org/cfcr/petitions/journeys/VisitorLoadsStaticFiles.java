package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stylesheet and scripts a page loads come under names that change with their content, so a
 * browser (or a cache in front) keeps them for a year and a crowd's reloads do not ask for them
 * again; they are gzipped once, not per request.
 */
@MicronautTest(transactional = false)
class VisitorLoadsStaticFiles extends ServiceTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void the_page_names_its_files_by_their_content_and_they_are_kept_for_a_year() throws Exception {
        Campaign campaign = openCampaign();
        var page = browser().get("/campaigns/" + campaign.slug()).html();
        String stylesheet = page.selectFirst("link[rel=stylesheet]").attr("href");
        assertTrue(stylesheet.matches("/static/site\\.[0-9a-f]{10}\\.css"), stylesheet);
        byte[] original = classpath("public/site.css");

        HttpResponse<byte[]> plain = get(stylesheet, null, null);
        assertEquals(200, plain.statusCode());
        assertArrayEquals(original, plain.body());
        assertEquals("public, max-age=31536000, immutable", plain.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(plain.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        assertEquals("nosniff", plain.headers().firstValue("X-Content-Type-Options").orElseThrow());

        HttpResponse<byte[]> gzipped = get(stylesheet, "gzip, deflate, br", null);
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertTrue(gzipped.headers().firstValue("Vary").orElseThrow().contains("Accept-Encoding"));
        assertTrue(gzipped.body().length < original.length / 2, gzipped.body().length + " bytes gzipped");
        assertArrayEquals(original, gunzip(gzipped.body()), "gzipped once, and only once");

        String etag = plain.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = get(stylesheet, "gzip", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
    }

    @Test
    void the_plain_names_still_serve_for_pages_already_out_there_but_only_for_minutes() throws Exception {
        HttpResponse<byte[]> plain = get("/static/live.js", null, null);
        assertEquals(200, plain.statusCode());
        assertArrayEquals(classpath("public/live.js"), plain.body());
        assertEquals("public, max-age=300", plain.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(plain.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
    }

    @Test
    void a_gzip_refused_with_q_zero_gets_the_plain_file() throws Exception {
        HttpResponse<byte[]> plain = get("/static/site.css", "gzip;q=0, identity", null);
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        assertArrayEquals(classpath("public/site.css"), plain.body());
    }

    @Test
    void names_that_are_no_file_are_not_found() throws Exception {
        for (String path : new String[] {"/static/site.0000000000.css", "/static/nothing.css", "/static/..%2fapplication.yml",
                "/static/%2e%2e/application.yml", "/static/site.css%00.js", "/static/"}) {
            int status = get(path, "gzip", null).statusCode();
            assertEquals(404, status, path);
        }
        assertNotEquals(500, get("/static/" + "a".repeat(3000) + ".css", null, null).statusCode());
    }

    private HttpResponse<byte[]> get(String path, String acceptEncoding, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).GET();
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] classpath(String resource) throws IOException {
        try (InputStream in = VisitorLoadsStaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
