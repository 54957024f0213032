package org.cfcr.petitions.count;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest(transactional = false)
class CountsTest extends ServiceTest {

    @Inject
    CountDeltas deltas;

    @Inject
    CountFolder folder;

    @Inject
    PublicCounts counts;

    @Inject
    TransactionOperations<Connection> transactions;

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
