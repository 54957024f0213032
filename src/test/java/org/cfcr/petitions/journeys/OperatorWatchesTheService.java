package org.cfcr.petitions.journeys;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's story: probes and Prometheus read the management port, which says what is wrong and counts what
 * happens without naming anyone; nodes share nothing but the database, so each counts what another confirmed; a
 * node asked to stop lets its live streams go elsewhere and exits in time.
 */
@MicronautTest(transactional = false)
class OperatorWatchesTheService extends ServiceTest {

    @Test
    void health_and_metrics_answer_on_the_management_port_only() {
        Browser.Page readiness = management().get("/health/readiness");
        assertEquals(200, readiness.status(), readiness.body());
        assertTrue(readiness.body().contains("\"database\""), readiness.body());
        assertTrue(readiness.body().contains("\"emailsDue\""), "the outbox's backlog: " + readiness.body());
        assertEquals(200, management().get("/health/liveness").status());
        assertEquals(200, management().get("/prometheus").status());

        Browser visitor = browser();
        assertEquals(404, visitor.get("/health").status(), "the public port says nothing about the service's insides");
        assertEquals(404, visitor.get("/prometheus").status());
        assertEquals(404, management().get("/").status(), "and the management port serves no pages");
    }

    @Test
    void metrics_count_signatures_confirmations_and_emails_without_naming_anyone() {
        Campaign campaign = openCampaign();
        String before = metrics();
        String email = uniqueEmail("counted");
        Browser supporter = browser();
        String link = signAndAwaitLink(supporter, campaign, "Counted Supporter", email);
        assertEquals(303, supporter.confirm(link).status());

        eventually(Duration.ofSeconds(5), () -> value(metrics(), "petitions_signatures_confirmed_total")
                >= value(before, "petitions_signatures_confirmed_total") + 1, "the confirmation is counted");
        String after = metrics();
        assertTrue(value(after, "petitions_signatures_received_total{outcome=\"new\"}")
                >= value(before, "petitions_signatures_received_total{outcome=\"new\"}") + 1, after);
        assertTrue(value(after, "petitions_emails_queued_total{kind=\"confirmation\"}")
                >= value(before, "petitions_emails_queued_total{kind=\"confirmation\"}") + 1, after);
        assertTrue(value(after, "petitions_emails_sent_total") >= value(before, "petitions_emails_sent_total") + 1, after);
        assertTrue(after.contains("uri=\"/campaigns/{slug}/signatures\""), "latency by route, named by its template: "
                + Pattern.compile("uri=\"[^\"]*\"").matcher(after).results().map(m -> m.group()).distinct().toList());
        assertTrue(after.contains("hikaricp_connections_active"), "the database pool's use");
        assertTrue(after.contains("petitions_queue_waiting{queue=\"signing\"}"), "the signing queue's use");

        String token = link.substring(link.lastIndexOf('/') + 1);
        for (String secret : new String[]{email, email.substring(0, email.indexOf('@')), campaign.slug(), token}) {
            assertFalse(after.contains(secret), "metrics name no signer, campaign or token: " + secret);
        }
    }

    @Test
    void a_probe_for_an_address_that_does_not_exist_adds_no_series() {
        browser().get("/wp-login.php?probe=" + uniqueEmail("probe"));
        browser().get("/campaigns/no-such-campaign-" + uniqueEmail("probe").hashCode());
        String metrics = metrics();
        assertFalse(metrics.contains("wp-login"), "an unknown path is counted as NOT_FOUND, not by its name");
        assertFalse(metrics.contains("no-such-campaign"));
    }

    @Test
    void a_node_asked_to_stop_ends_its_live_streams_and_exits_within_its_grace_period() throws Exception {
        Campaign campaign = openCampaign();
        EmbeddedServer node = ApplicationContext.run(EmbeddedServer.class, anotherNodesProperties());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.getPort()
                + "/api/v1/campaigns/" + campaign.slug() + "/live")).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(5, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> stream.body().count());

        long stopping = System.nanoTime();
        node.getApplicationContext().close(); // what SIGTERM does: the shutdown hook closes the context
        long stoppedIn = Duration.ofNanos(System.nanoTime() - stopping).toMillis();

        ended.get(2, TimeUnit.SECONDS); // the stream ended: the browser reconnects, through the balancer, elsewhere
        assertTrue(stoppedIn < 10_000, "stopped in " + stoppedIn + " ms, within the 20 s grace period");
    }

    @Test
    void a_confirmation_on_one_node_is_in_the_other_nodes_count_within_about_a_second() {
        Campaign campaign = openCampaign();
        try (EmbeddedServer other = ApplicationContext.run(EmbeddedServer.class, anotherNodesProperties())) {
            Browser reader = new Browser("http://127.0.0.1:" + other.getPort());
            assertTrue(reader.get("/api/v1/campaigns/" + campaign.slug()).body().contains("\"signatureCount\":0"));
            Browser supporter = browser();
            String link = signAndAwaitLink(supporter, campaign, "Seen Everywhere", uniqueEmail("everywhere"));
            long confirmedAt = System.nanoTime();
            assertEquals(303, supporter.confirm(link).status());
            eventually(Duration.ofSeconds(3), () -> reader.get("/api/v1/campaigns/" + campaign.slug()).body()
                    .contains("\"signatureCount\":1"), "the other node counts the confirmation");
            long seenAfter = Duration.ofNanos(System.nanoTime() - confirmedAt).toMillis();
            assertTrue(seenAfter < 1500, "the other node showed it " + seenAfter + " ms after the confirmation");
        }
    }

    private String metrics() {
        Browser.Page page = management().get("/prometheus");
        assertEquals(200, page.status());
        return page.body();
    }

    /** The sample's value; 0 when the series does not exist yet. */
    private static double value(String metrics, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
