package org.cfcr.petitions.campaign;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class DemoCampaignSeederTest extends ServiceTest {

    @Inject
    DemoCampaignSeeder seeder;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.seed-demo-campaigns", "true");
    }

    @Test
    void the_coalitions_campaigns_are_loaded_once_however_often_seeding_runs() {
        assertTrue(seeder.shouldSeed());
        seeder.seed();
        seeder.seed();
        assertEquals(1, queryLong("SELECT COUNT(*) FROM campaign WHERE slug = 'officials-report-assets'"));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM campaign WHERE slug = 'free-liu-xiaobo-chen-guangcheng'"));
        String zh = browser().get("/api/v1/campaigns/officials-report-assets?lang=zh").body();
        assertTrue(zh.contains("\"title\":\"政府官员必须申报财产\""), zh);
        String en = browser().get("/api/v1/campaigns/free-liu-xiaobo-chen-guangcheng").body();
        assertTrue(en.contains("\"title\":\"Freedom for Liu Xiaobo and Chen Guangcheng\""), en);
        assertTrue(browser().get("/api/v1/campaigns/free-liu-xiaobo-chen-guangcheng?lang=zh").body()
                .contains("释放刘晓波和陈光诚"));
    }
}
