package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.count.CountDeltas;
import org.cfcr.petitions.count.CountFolder;
import org.cfcr.petitions.count.CountHistory;
import org.cfcr.petitions.count.PublicCounts;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journalist's story: the live count, its history, cacheable reads of the API and its documentation, and counts that
 * stay exact.
 */
@MicronautTest(transactional = false)
class PressFollowsTheCount extends ServiceTest {

    @Inject
    CountHistory history;

    @Inject
    CountDeltas deltas;

    @Inject
    CountFolder folder;

    @Inject
    PublicCounts counts;

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
        assertEquals("retry: 5000", nextNonBlank(lines), "when a browser reconnects after the stream ends");
        String first = nextNonBlank(lines);
        assertTrue(first.contains("\"signatureCount\":0"), first);

        String email = uniqueEmail("watched");
        Browser supporter = browser();
        String link = signAndAwaitLink(supporter, campaign, "Watched Supporter", email);
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
        String script = page.selectFirst("script").attr("src");
        assertTrue(script.matches("/static/live\\.[0-9a-f]{10}\\.js"), script);
        assertEquals(campaign.slug(), page.selectFirst("[data-live-slug]").attr("data-live-slug"));
        assertEquals("0", page.selectFirst("[data-live-count]").text(), "without script the count is on the page");
        assertEquals(200, browser().get(script).status());
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

    @Test
    void the_history_carries_each_recorded_count_forward_minute_by_minute() {
        Campaign campaign = openCampaign();
        recorded(campaign, "2026-03-13T10:00:00Z", 5);
        recorded(campaign, "2026-03-13T10:03:00Z", 9);
        String json = browser().get("/api/v1/campaigns/" + campaign.slug()
                + "/history?step=minute&from=2026-03-13T09:59:00Z&to=2026-03-13T10:04:00Z").body();
        assertEquals("{\"slug\":\"" + campaign.slug() + "\",\"step\":\"minute\",\"from\":\"2026-03-13T09:59:00Z\","
                + "\"to\":\"2026-03-13T10:04:00Z\",\"points\":["
                + "{\"at\":\"2026-03-13T09:59:00Z\",\"signatureCount\":0},"
                + "{\"at\":\"2026-03-13T10:00:00Z\",\"signatureCount\":5},"
                + "{\"at\":\"2026-03-13T10:01:00Z\",\"signatureCount\":5},"
                + "{\"at\":\"2026-03-13T10:02:00Z\",\"signatureCount\":5},"
                + "{\"at\":\"2026-03-13T10:03:00Z\",\"signatureCount\":9},"
                + "{\"at\":\"2026-03-13T10:04:00Z\",\"signatureCount\":9}]}", json);

        String hourly = browser().get("/api/v1/campaigns/" + campaign.slug()
                + "/history?step=hour&from=2026-03-13T09:30:00Z&to=2026-03-13T11:00:00Z").body();
        assertTrue(hourly.contains("{\"at\":\"2026-03-13T09:00:00Z\",\"signatureCount\":0},"
                + "{\"at\":\"2026-03-13T10:00:00Z\",\"signatureCount\":5},"
                + "{\"at\":\"2026-03-13T11:00:00Z\",\"signatureCount\":9}"), hourly);

        String daily = browser().get("/api/v1/campaigns/" + campaign.slug()
                + "/history?step=day&from=2026-03-12&to=2026-03-14").body();
        assertTrue(daily.contains("{\"at\":\"2026-03-12T00:00:00Z\",\"signatureCount\":0},"
                + "{\"at\":\"2026-03-13T00:00:00Z\",\"signatureCount\":0},"
                + "{\"at\":\"2026-03-14T00:00:00Z\",\"signatureCount\":9}"), daily);
    }

    @Test
    void four_years_day_by_day_over_every_few_hours_of_rows_gives_the_last_count_at_or_before_each_day() throws Exception {
        Campaign campaign = openCampaign();
        Instant first = Instant.parse("2022-03-10T00:00:00Z");
        List<Long> counts = new ArrayList<>();
        try (var connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var insert = connection.prepareStatement("INSERT INTO count_history (campaign_id, at_minute, confirmed) VALUES (?, ?, ?)")) {
            for (int i = 0; i < 8 * 1465; i++) {
                long count = (i * 7919L) % 1000; // up and down, as withdrawals and invalidations make it
                counts.add(count);
                insert.setLong(1, campaign.id());
                insert.setTimestamp(2, Timestamp.from(first.plus(Duration.ofHours(3L * i))));
                insert.setLong(3, count);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        String json = browser().get("/api/v1/campaigns/" + campaign.slug()
                + "/history?step=day&from=2022-03-08&to=2026-03-13").body();
        List<Long> answered = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\"signatureCount\":(\\d+)").matcher(json);
        while (matcher.find()) {
            answered.add(Long.parseLong(matcher.group(1)));
        }
        List<Long> expected = new ArrayList<>(List.of(0L, 0L)); // before the first row
        for (int day = 0; day <= 1464; day++) {
            expected.add(counts.get(8 * day)); // the row at midnight is the last at or before it
        }
        assertEquals(expected.size(), answered.size(), json.substring(0, 300));
        assertEquals(expected, answered);
        assertTrue(json.contains("{\"at\":\"2026-03-13T00:00:00Z\",\"signatureCount\":" + counts.get(8 * 1464) + "}"));
    }

    @Test
    void a_flood_of_new_history_ranges_is_told_to_come_back_and_a_range_already_asked_for_is_still_served() throws Exception {
        Campaign campaign = openCampaign();
        String path = "/api/v1/campaigns/" + campaign.slug() + "/history?step=hour&from=%s&to=%s";
        java.util.function.IntFunction<String> day = n -> String.format(path, java.time.LocalDate.of(2026, 1, 1).plusDays(n),
                java.time.LocalDate.of(2026, 1, 2).plusDays(n));
        Browser.Page first = browser().get(day.apply(0));
        assertEquals(200, first.status());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Browser.Page>> answers = new ArrayList<>();
            for (int n = 1; n <= 48; n++) {
                String range = day.apply(n);
                answers.add(pool.submit(() -> browser().get(range)));
            }
            int served = 0;
            int refused = 0;
            for (var answer : answers) {
                Browser.Page page = answer.get();
                if (page.status() == 200) {
                    served++;
                } else {
                    assertEquals(503, page.status(), page.body());
                    assertEquals("10", page.header("Retry-After"));
                    assertTrue(page.body().contains("computing many count histories"), page.body());
                    refused++;
                }
            }
            assertTrue(served >= 1 && refused > 0, served + " served, " + refused + " refused");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(first.body(), browser().get(day.apply(0)).body(), "a range asked for before comes from the cache");
        // a few seconds after the flood, new ranges are computed again (and the other tests here find the allowance whole)
        Browser.Page after = browser().get(day.apply(100));
        for (int tries = 0; after.status() == 503 && tries < 30; tries++) {
            Thread.sleep(500);
            after = browser().get(day.apply(100));
        }
        assertEquals(200, after.status(), after.body());
        Thread.sleep(5_000);
    }

    @Test
    void bad_history_requests_are_explained() {
        Campaign campaign = openCampaign();
        String base = "/api/v1/campaigns/" + campaign.slug() + "/history";
        Browser client = browser();
        Browser.Page step = client.get(base + "?step=week");
        assertEquals(400, step.status());
        assertTrue(step.body().contains("step must be minute, hour or day"), step.body());
        assertEquals(400, client.get(base + "?from=yesterday").status());
        assertEquals(400, client.get(base + "?from=2026-03-14&to=2026-03-13").status());
        Browser.Page tooMany = client.get(base + "?step=minute&from=2026-01-01&to=2026-03-01");
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.body().contains("larger step"), tooMany.body());
        assertEquals(200, client.get(base).status(), "defaults: the last 48 hours, hour by hour");
        assertEquals(400, client.get(base + "?to=-1000000000-01-01T00:00:00Z").status());
        assertEquals(400, client.get(base + "?to=%2B300000000-01-01T00:00:00Z&step=minute").status());
        String future = client.get(base + "?step=day&from=2026-01-01&to=2199-01-01").body();
        assertTrue(!future.contains("\"at\":\"2199"), "no made-up future counts");
        assertEquals(404, client.get("/api/v1/campaigns/no-such-campaign/history").status());
    }

    @Test
    void the_recorder_appends_a_row_only_when_the_count_changed_and_once_per_minute() {
        Campaign campaign = openCampaign();
        execute("INSERT INTO campaign_count (campaign_id, confirmed, updated_at) VALUES (?, 3, ?)",
                campaign.id(), Timestamp.from(Instant.now()));
        Instant minute = Instant.parse("2030-01-01T12:00:00Z");
        history.record(minute);
        history.record(minute);
        history.record(minute.plusSeconds(60));
        assertEquals(1, rows(campaign), "one row for the first minute, none while the count stays the same");
        execute("UPDATE campaign_count SET confirmed = 4 WHERE campaign_id = ?", campaign.id());
        history.record(minute.plusSeconds(120));
        assertEquals(2, rows(campaign));
    }

    @Test
    void the_campaign_page_draws_the_history_as_svg() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("charted");
        signJson(browser(), campaign, email);
        confirmAs(email);
        awaitCount(campaign, 1);
        eventually(Duration.ofSeconds(10), () -> browser().get("/campaigns/" + campaign.slug()).html()
                .selectFirst("figure.chart svg") != null, "the chart, once there is a signature to draw");
        var page = browser().get("/campaigns/" + campaign.slug()).html();
        var svg = page.selectFirst("figure.chart svg");
        assertTrue(svg != null && !svg.selectFirst("polyline").attr("points").isBlank(), String.valueOf(svg));
    }

    private long rows(Campaign campaign) {
        return queryLong("SELECT COUNT(*) FROM count_history WHERE campaign_id = ?", campaign.id());
    }

    private void recorded(Campaign campaign, String minute, long count) {
        execute("INSERT INTO count_history (campaign_id, at_minute, confirmed) VALUES (?, ?, ?)",
                campaign.id(), Timestamp.from(Instant.parse(minute)), count);
    }

    // Crowds and CDNs: cacheable public reads, conditional requests answered with 304, reads from any origin.

    private final HttpClient client = HttpClient.newHttpClient();

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

    @Test
    void the_openapi_document_is_generated_from_the_code_and_served() {
        Browser.Page document = browser().get("/api/v1/openapi.yml");
        assertEquals(200, document.status());
        assertTrue(document.header("Content-Type").startsWith("application/yaml"));
        String yaml = document.body();
        assertTrue(yaml.startsWith("openapi: 3"), yaml.substring(0, 40));
        for (String path : new String[] {"/api/v1/campaigns:", "/api/v1/campaigns/{slug}:", "/api/v1/campaigns/{slug}/signatures:",
                "/api/v1/campaigns/{slug}/signers:", "/api/v1/campaigns/{slug}/live:", "/api/v1/campaigns/{slug}/history:"}) {
            assertTrue(yaml.contains(path), path);
        }
        assertFalse(yaml.contains("/confirm/"), "pages are not part of the API");
    }

    @Test
    void the_api_page_is_readable_without_script_or_other_sites() {
        Browser.Page page = browser().get("/api?lang=zh");
        assertEquals(200, page.status());
        var html = page.html();
        assertEquals("联署 API", html.selectFirst("h1").text());
        assertTrue(html.text().contains("POST /api/v1/campaigns/{slug}/signatures"), html.text());
        assertTrue(html.text().contains("Sign a campaign"));
        assertTrue(html.select("script").isEmpty());
        assertTrue(html.select("link[href^=http], script[src^=http], img[src^=http]").isEmpty());
    }

    @Test
    void concurrent_confirmations_and_folders_count_every_signature_exactly_once() throws Exception {
        Campaign campaign = openCampaign();
        int writers = 8;
        int perWriter = 250;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    transactions.executeWrite(status -> {
                        deltas.record(campaign.id(), "CN", +1, Instant.now());
                        return null;
                    });
                }
            }));
        }
        for (int f = 0; f < 2; f++) {
            // two extra folders play other nodes, beside this node's scheduled one
            work.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    folder.foldAvailable();
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
        long expected = (long) writers * perWriter;
        eventually(Duration.ofSeconds(5), () -> counts.confirmed(campaign.id()) == expected,
                "the public count reaches " + expected + " (is " + counts.confirmed(campaign.id()) + ")");
        assertEquals(0, queryLong("SELECT COUNT(*) FROM count_delta WHERE campaign_id = ?", campaign.id()));
        assertEquals(expected, queryLong("SELECT confirmed FROM campaign_count WHERE campaign_id = ?", campaign.id()));
    }

    @Test
    void counts_by_country_are_kept_beside_the_total_largest_first() {
        Campaign campaign = openCampaign();
        transactions.executeWrite(status -> {
            for (int i = 0; i < 3; i++) {
                deltas.record(campaign.id(), "HK", +1, Instant.now());
            }
            deltas.record(campaign.id(), "CN", +1, Instant.now());
            deltas.record(campaign.id(), "TW", +1, Instant.now());
            deltas.record(campaign.id(), "TW", -1, Instant.now());
            return null;
        });
        eventually(Duration.ofSeconds(3), () -> counts.confirmed(campaign.id()) == 4, "count is 4");
        eventually(Duration.ofSeconds(3), () -> counts.byCountry(campaign.id()).size() == 2, "two countries");
        assertEquals(java.util.List.of("HK", "CN"), java.util.List.copyOf(counts.byCountry(campaign.id()).keySet()));
        String json = browser().get("/api/v1/campaigns/" + campaign.slug()).body();
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"signaturesByCountry\":{\"HK\":3,\"CN\":1}"), json);
    }

    @Test
    void a_withdrawn_delta_takes_the_count_down() {
        Campaign campaign = openCampaign();
        transactions.executeWrite(status -> {
            deltas.record(campaign.id(), "TW", +1, Instant.now());
            deltas.record(campaign.id(), "TW", +1, Instant.now());
            deltas.record(campaign.id(), "TW", -1, Instant.now());
            return null;
        });
        eventually(Duration.ofSeconds(3), () -> counts.confirmed(campaign.id()) == 1, "count is 1");
    }
}
