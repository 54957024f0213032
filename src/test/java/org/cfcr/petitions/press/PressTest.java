package org.cfcr.petitions.press;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journalist's page: live count, history, countries, and the public list as files. */
@MicronautTest(transactional = false)
class PressTest extends ServiceTest {

    @Test
    void the_public_list_downloads_hold_public_fields_only_and_are_safe_in_a_spreadsheet() throws Exception {
        Campaign campaign = openCampaign();
        confirmed(campaign, "刘晓波", "FULL_NAME", "CN", "北京", 1);
        confirmed(campaign, "Smith, \"Jo\"", "FULL_NAME", "GB", "London", 2);
        confirmed(campaign, "=HYPERLINK(\"http://evil.example\")", "FULL_NAME", "US", "@SUM(A1)", 3);
        confirmed(campaign, "Secret Person", "HIDDEN", "HK", "Kowloon", 4);
        confirmed(campaign, "Ding Zilin", "INITIALS", "CN", null, 5);
        for (int i = 0; i < 4100; i++) {
            confirmed(campaign, "Bulk " + i, "FULL_NAME", "TW", null, 10 + i);
        }

        Browser.Page csv = browser().get("/campaigns/" + campaign.slug() + "/signers.csv");
        assertEquals(200, csv.status());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        assertTrue(csv.header("Content-Disposition").contains(campaign.slug() + "-signers.csv"));
        assertTrue(csv.body().startsWith("\uFEFFname,country,city,signed_at"), "UTF-8 byte-order mark for Excel");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv.body().substring(1))).getRecords();
        assertEquals(4105, rows.size(), "every confirmed signer, across several batches");
        assertEquals("刘晓波", rows.get(0).get("name"));
        assertEquals("北京", rows.get(0).get("city"));
        assertEquals("Smith, \"Jo\"", rows.get(1).get("name"));
        assertEquals("'=HYPERLINK(\"http://evil.example\")", rows.get(2).get("name"), "formula neutralised");
        assertEquals("'@SUM(A1)", rows.get(2).get("city"));
        assertEquals("", rows.get(3).get("name"), "hidden: no name");
        assertEquals("", rows.get(3).get("city"), "hidden: no city");
        assertEquals("HK", rows.get(3).get("country"));
        assertEquals("D. Z.", rows.get(4).get("name"));
        assertFalse(csv.body().contains("Secret Person"));
        assertFalse(csv.body().contains("@example.org"), "no email address");

        Browser.Page jsonFile = browser().get("/campaigns/" + campaign.slug() + "/signers.json");
        assertEquals(200, jsonFile.status());
        String body = jsonFile.body();
        assertTrue(body.startsWith("[{\"name\":\"刘晓波\",\"country\":\"CN\",\"city\":\"北京\",\"signedAt\":"), body.substring(0, 100));
        assertTrue(body.endsWith("}]"));
        assertEquals(4105, body.split("\"signedAt\"", -1).length - 1, "one object per signer");
        assertTrue(body.contains("\"country\":\"HK\""), body.substring(0, 600));
        assertFalse(body.contains("Secret Person"));
    }

    @Test
    void the_press_page_shows_the_live_count_history_and_countries() {
        Campaign campaign = openCampaign();
        confirmed(campaign, "A", "FULL_NAME", "CN", null, 1);
        execute("INSERT INTO count_delta (campaign_id, country, delta, created_at) VALUES (?, 'CN', 1, ?)",
                campaign.id(), Timestamp.from(Instant.now()));
        eventually(Duration.ofSeconds(3), () -> browser().get("/api/v1/campaigns/" + campaign.slug()).body()
                .contains("\"signaturesByCountry\":{\"CN\":1}"), "counted by country");

        Browser.Page page = browser().get("/campaigns/" + campaign.slug() + "/press?lang=zh");
        assertEquals(200, page.status());
        var html = page.html();
        assertEquals("1", html.selectFirst(".big-count [data-live-count]").text());
        assertTrue(html.selectFirst("figure.chart svg") != null);
        assertTrue(html.select("table.signers td").text().contains("中国"), html.select("table.signers").text());
        assertTrue(html.select("a[href$=signers.csv]").size() == 1 && html.select("a[href$=signers.json]").size() == 1);
        assertTrue(html.selectFirst("pre.code").text().contains("/embed/" + campaign.slug()));
        assertEquals("/static/live.js", html.selectFirst("script").attr("src"));
    }

    private void confirmed(Campaign campaign, String name, String display, String country, String city, int second) {
        signatures(campaign).named(name).email(uniqueEmail("press")).from(country, city)
                .showing(PublicDisplay.valueOf(display)).at(Instant.parse("2026-03-13T10:00:00Z").plusSeconds(second))
                .confirmed();
    }
}
