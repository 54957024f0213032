package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TcpProxy;
import org.cfcr.petitions.support.TestDatabase;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database's story: it goes away and comes back, while counts still show and signing says to try again. */
@MicronautTest(transactional = false)
class DatabaseGoesDown extends ServiceTest {

    // The database goes away (a relay between service and database is cut): counts, the widget and the badge keep
    // showing the last known values, marked stale in the API; signing answers 503 with Retry-After and a page that
    // says to try again. Never a 500. Then the database comes back.

    private static TcpProxy proxy;

    @Override
    protected Map<String, String> extraProperties() {
        Matcher url = Pattern.compile("jdbc:mysql://([^:/]+)(?::(\\d+))?/(.*)").matcher(TestDatabase.get().url());
        if (!url.matches()) {
            throw new IllegalStateException("Cannot relay " + TestDatabase.get().url());
        }
        proxy = new TcpProxy(url.group(1), url.group(2) == null ? 3306 : Integer.parseInt(url.group(2)));
        proxy.start();
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + url.group(3));
        properties.put("petitions.counts.stale-after", "1s");
        properties.put("datasources.default.connection-timeout", "1000");
        return properties;
    }

    @AfterAll
    void database_back() {
        proxy.start();
    }

    @Test
    void with_the_database_down_counts_still_show_and_signing_says_to_retry() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("before-outage");
        Browser supporter = browser();
        supporter.sign(campaign.slug(), signer("Before Outage", email));
        supporter.confirm(confirmLink(TestMailServer.awaitMessage(email)));
        Browser reader = browser();
        eventually(Duration.ofSeconds(3), () -> reader.get("/api/v1/campaigns/" + campaign.slug()).body()
                .contains("\"signatureCount\":1"), "counted before the outage");
        Browser.Page campaignPage = reader.get("/campaigns/" + campaign.slug());
        assertEquals(200, campaignPage.status());
        assertEquals(200, reader.get("/embed/" + campaign.slug()).status());

        proxy.stop();
        eventually(Duration.ofSeconds(10), () -> reader.get("/api/v1/campaigns/" + campaign.slug()).body()
                .contains("\"stale\":true"), "the API marks the counts as the last known ones");
        String json = reader.get("/api/v1/campaigns/" + campaign.slug()).body();
        assertTrue(json.contains("\"signatureCount\":1"), json);
        Browser.Page embed = reader.get("/embed/" + campaign.slug());
        assertEquals(200, embed.status());
        assertEquals("1", embed.html().selectFirst("[data-live-count]").text());
        assertEquals(200, reader.get("/badge/" + campaign.slug() + ".svg").status());
        assertEquals(200, reader.get("/campaigns/" + campaign.slug()).status(), "the campaign page still shows");
        assertEquals(404, reader.get("/campaigns/no-such-campaign-" + email.hashCode()).status(),
                "a wrong address is answered from the public list in memory, not from the database");

        Browser.Page api = reader.postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"During Outage\",\"email\":\"" + uniqueEmail("outage") + "\",\"country\":\"CN\","
                        + "\"publicDisplay\":\"HIDDEN\",\"emailUpdates\":false}");
        assertEquals(503, api.status(), api.body());
        assertEquals("30", api.header("Retry-After"));
        Map<String, String> form = signer("During Outage", uniqueEmail("outage"));
        Browser.Page page = reader.postForm("/campaigns/" + campaign.slug() + "/signatures", form);
        assertEquals(503, page.status());
        assertTrue(page.html().text().contains("Please try again in a minute"), page.html().text());
        assertEquals(503, reader.get("/campaigns/" + campaign.slug() + "/signers").status());
        eventually(Duration.ofSeconds(5), () -> management().get("/health/readiness").body()
                .contains("The database does not answer"), "the orchestrator's probe says what is wrong");
        Browser.Page readiness = management().get("/health/readiness");
        assertEquals(200, readiness.status(), "and keeps the node in rotation: it still serves pages and says to retry");
        assertTrue(readiness.body().contains("\"status\":\"DEGRADED\""), readiness.body());

        proxy.start();
        eventually(Duration.ofSeconds(15), () -> reader.postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"After Outage\",\"email\":\"" + uniqueEmail("after") + "\",\"country\":\"CN\","
                        + "\"publicDisplay\":\"HIDDEN\",\"emailUpdates\":false}").status() == 202,
                "signing works again once the database is back");
        eventually(Duration.ofSeconds(5), () -> reader.get("/api/v1/campaigns/" + campaign.slug()).body()
                .contains("\"stale\":false"), "fresh counts again");
        eventually(Duration.ofSeconds(5), () -> !management().get("/health/readiness").body().contains("DEGRADED"),
                "healthy again");
    }
}
