package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A newcomer's story: started with no settings, on the embedded database, the service loads the coalition's campaigns
 * and takes a signature.
 */
@MicronautTest(transactional = false)
class NewcomerTriesTheService extends ServiceTest {

    // The embedded default that README's run command uses (H2 in MySQL mode, demo campaigns loaded by themselves):
    // someone trying the service can sign a coalition campaign, confirm, and see the count.

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "datasources.default.url", "jdbc:h2:mem:embedded-default;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", "",
                "petitions.seed-demo-campaigns", "");
    }

    @Test
    void on_the_embedded_database_a_visitor_signs_a_coalition_campaign_and_sees_the_count_rise() {
        String email = uniqueEmail("visitor");
        Browser visitor = browser();
        eventually(Duration.ofSeconds(5), () -> visitor.get("/").body().contains("officials-report-assets"),
                "the demo campaigns are loaded");
        Browser.Page page = visitor.get("/campaigns/officials-report-assets?lang=zh");
        assertEquals("政府官员必须申报财产", page.html().selectFirst("h1").text());

        Map<String, String> form = signer("王 小明", email);
        assertEquals(303, visitor.sign("officials-report-assets", form).status());
        String link = confirmLink(TestMailServer.awaitMessage(email));
        Browser.Page confirmPage = visitor.get(java.net.URI.create(link).getPath());
        assertTrue(confirmPage.html().select("dl.preview").text().contains("王 小明"), "the page shows what it confirms");
        assertEquals(303, visitor.confirm(link).status());
        eventually(Duration.ofSeconds(3), () -> visitor.get("/api/v1/campaigns/officials-report-assets").body()
                .contains("\"signatureCount\":1"), "the count shows the confirmation");
        assertTrue(visitor.get("/campaigns/officials-report-assets/signers").body().contains("王 小明"));
        Browser.Page history = visitor.get("/api/v1/campaigns/officials-report-assets/history?step=day");
        assertEquals(200, history.status(), history.body());
        assertEquals(61, history.body().split("\"signatureCount\"").length - 1, "60 days back and today, on H2 too");
    }
}
