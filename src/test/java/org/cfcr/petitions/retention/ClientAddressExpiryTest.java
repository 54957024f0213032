package org.cfcr.petitions.retention;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What is kept of a signer's address, and that it goes after the retention time. */
@MicronautTest(transactional = false)
class ClientAddressExpiryTest extends ServiceTest {

    @Inject
    ClientAddressExpiry expiry;

    @Test
    void only_anetwork_and_akeyed_hash_are_kept_and_both_go_after_thirty_days() {
        Campaign campaign = openCampaign();
        assertEquals(202, signJson(browser().from("198.51.100.77"), campaign, uniqueEmail("kept")).status());
        assertEquals(202, signJson(browser().from("2001:db8:aa:bb:cc::1"), campaign, uniqueEmail("kept6")).status());
        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND OCTET_LENGTH(client_hash) = 16",
                campaign.id()));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND HEX(client_prefix) = 'C6336400'",
                campaign.id()), "198.51.100.0/24, never the whole address");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? "
                + "AND HEX(client_prefix) = '20010DB800AA00000000000000000000'", campaign.id()), "2001:db8:aa::/48");

        while (expiry.expireBatch(Instant.now()) > 0) {
            // rows older than 30 days, from other tests, if any
        }
        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND client_prefix IS NOT NULL",
                campaign.id()), "young rows keep theirs");

        Instant later = Instant.now().plus(Duration.ofDays(31));
        while (expiry.expireBatch(later) > 0) {
            // walk to the end
        }
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? "
                + "AND (client_prefix IS NOT NULL OR client_hash IS NOT NULL)", campaign.id()));
    }
}
