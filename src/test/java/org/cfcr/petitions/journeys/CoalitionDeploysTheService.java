package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.DemoSeeding;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coalition's story as it deploys the service: behind TLS, with its own campaigns loaded once however often
 * seeding runs.
 */
@MicronautTest(transactional = false)
class CoalitionDeploysTheService extends ServiceTest {

    @Inject
    DemoSeeding seeder;

    /** As the coalition runs it: behind TLS, and with its campaigns loaded at start. */
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.site.public-base-url", "https://sign.example.org",
                "petitions.seed-demo-campaigns", "true");
    }

    // Served over TLS (PUBLIC_BASE_URL is https): HSTS, and every cookie Secure, HttpOnly and SameSite.

    @Test
    void behind_tls_browsers_are_told_to_stay_on_https_and_cookies_never_travel_in_clear() {
        Browser.Page page = browser().get("/campaigns/" + openCampaign().slug() + "?lang=zh");
        assertEquals("max-age=31536000; includeSubDomains", page.header("Strict-Transport-Security"));
        List<String> cookies = page.response().headers().allValues("Set-Cookie");
        assertEquals(2, cookies.size(), cookies.toString());
        for (String cookie : cookies) {
            assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
            assertTrue(cookie.contains("Secure"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
        }
    }

    @Test
    void the_coalitions_campaigns_are_loaded_once_however_often_seeding_runs() {
        assertTrue(seeder.shouldSeed());
        seeder.seed();
        seeder.seed();
        assertEquals(1, queryLong("SELECT COUNT(*) FROM campaign WHERE slug = 'officials-report-assets'"));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM campaign WHERE slug = 'free-liu-xiaobo-chen-guangcheng'"));
        assertEquals(2, queryLong("SELECT COUNT(*) FROM campaign WHERE discreet = TRUE AND slug IN "
                + "('officials-report-assets', 'free-liu-xiaobo-chen-guangcheng')"), "both discreet");
        String zh = browser().get("/api/v1/campaigns/officials-report-assets?lang=zh").body();
        assertTrue(zh.contains("\"title\":\"政府官员必须申报财产\""), zh);
        String en = browser().get("/api/v1/campaigns/free-liu-xiaobo-chen-guangcheng").body();
        assertTrue(en.contains("\"title\":\"Freedom for Liu Xiaobo and Chen Guangcheng\""), en);
        assertTrue(browser().get("/api/v1/campaigns/free-liu-xiaobo-chen-guangcheng?lang=zh").body()
                .contains("释放刘晓波和陈光诚"));
    }
}
