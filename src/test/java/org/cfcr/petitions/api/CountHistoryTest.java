package org.cfcr.petitions.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.count.CountHistory;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class CountHistoryTest extends ServiceTest {

    @Inject
    CountHistory history;

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
}
