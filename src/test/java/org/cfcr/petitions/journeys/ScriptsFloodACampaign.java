package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flooder's story: every flooded signature is answered like any other and confirmed by its catch-all inbox, and none
 * of the suspect ones counts, while a real signer elsewhere still does.
 */
@MicronautTest(transactional = false)
class ScriptsFloodACampaign extends ServiceTest {

    // Scripted floods, through the public surface: every flooded signature is answered like any other and confirmed
    // by its (catch-all) inbox, and none of the suspect ones reaches the count, while a real signer elsewhere still
    // signs and counts.

    static final int LIMIT = 5;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "petitions.abuse.address-per-minute", Integer.toString(LIMIT),
                "petitions.abuse.address-per-hour", "20",
                "petitions.abuse.domain-per-minute", Integer.toString(LIMIT),
                "petitions.abuse.domain-per-hour", "20",
                "petitions.abuse.block-domains", "blocked.example",
                "petitions.abuse.block-emails", "*bot*@*",
                "petitions.abuse.block-addresses", "192.0.2.0/24,2001:db8:bad::/48");
    }

    @Test
    void a_flood_from_one_address_is_held_and_a_real_signer_still_counts() {
        Campaign campaign = openCampaign();
        Browser flooder = browser().from("198.51.100.7");
        for (int i = 0; i < 15; i++) {
            String email = "wave" + i + "@flood-" + i + ".example";
            assertEquals(202, signJson(flooder, campaign, email).status(), "a held signature is answered like any other");
            confirmAs(email);
        }
        Browser realSigner = browser().from("203.0.113.50");
        String email = uniqueEmail("real");
        assertEquals(202, signJson(realSigner, campaign, email).status());
        confirmAs(email);

        awaitCount(campaign, LIMIT + 1);
        assertEquals(15 - LIMIT, held(campaign, "ADDRESS_RATE"));
        assertEquals(LIMIT + 1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND status = 'CONFIRMED' "
                + "AND hold_rule IS NULL", campaign.id()));
    }

    @Test
    void many_addresses_at_one_domain_are_held() {
        Campaign campaign = openCampaign();
        for (int i = 0; i < 12; i++) {
            String email = "person" + i + "@catchall.example";
            assertEquals(202, signJson(browser().from("198.51.100." + (20 + i)), campaign, email).status());
            confirmAs(email);
        }
        String real = uniqueEmail("neighbour");
        signJson(browser().from("203.0.113.51"), campaign, real);
        confirmAs(real);
        awaitCount(campaign, LIMIT + 1);
        assertEquals(12 - LIMIT, held(campaign, "DOMAIN_RATE"));
    }

    @Test
    void many_subdomains_of_one_domain_share_its_limit() {
        Campaign campaign = openCampaign();
        // from another network than the other floods here: the held-email budget is per network too
        for (int i = 0; i < 12; i++) {
            String email = "person@s" + i + ".wild.example.net";
            assertEquals(202, signJson(browser().from("203.0.113." + (100 + i)), campaign, email).status());
            confirmAs(email);
        }
        String real = uniqueEmail("neighbour");
        signJson(browser().from("203.0.113.52"), campaign, real);
        confirmAs(real);
        awaitCount(campaign, LIMIT + 1);
        assertEquals(12 - LIMIT, held(campaign, "DOMAIN_RATE"), "each subdomain is example.net's");
    }

    @Test
    void big_providers_are_not_limited_by_domain() {
        Campaign campaign = openCampaign();
        for (int i = 0; i < 8; i++) {
            String email = "friend" + i + "@gmail.com";
            signJson(browser().from("198.51.100." + (60 + i)), campaign, email);
            confirmAs(email);
        }
        awaitCount(campaign, 8);
        assertEquals(0, held(campaign, null));
    }

    @Test
    void block_lists_hold_without_saying_so() {
        Campaign campaign = openCampaign();
        String[][] cases = {
                {"192.0.2.44", uniqueEmail("from-blocked-range")},
                {"2001:db8:bad:1::9", uniqueEmail("from-blocked-v6")},
                {"203.0.113.60", "someone@mail.blocked.example"},
                {"203.0.113.61", "robot99@example.net"},
        };
        for (String[] c : cases) {
            assertEquals(202, signJson(browser().from(c[0]), campaign, c[1]).status());
            String page = confirmAs(c[1]);
            assertTrue(page.contains("checked by the campaign team"), "the signer is told it is checked: " + page);
            assertTrue(!page.toLowerCase().contains("block"), "but not why");
        }
        assertEquals(4, held(campaign, "BLOCKED"));
        String fine = uniqueEmail("fine");
        signJson(browser().from("2001:db8:600d::1"), campaign, fine);
        assertTrue(confirmAs(fine).contains("your signature counts"));
        awaitCount(campaign, 1);
    }

    @Test
    void a_spoofed_address_further_left_is_not_believed() {
        Campaign campaign = openCampaign();
        // the client claims a fresh address each time in front of the one our proxy saw
        for (int i = 0; i < 8; i++) {
            String email = "spoof" + i + "@spoof-" + i + ".example";
            signJson(browser().from("10.9.8." + i + ", 198.51.100.99"), campaign, email);
        }
        assertEquals(8 - LIMIT, held(campaign, "ADDRESS_RATE"));

        // a hop that is no address leaves the client unknown: not the proxy's, not anyone's
        String unknown = uniqueEmail("behind-unknown");
        assertEquals(202, signJson(browser().from("unknown"), campaign, unknown).status());
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE email_key = ? AND client_hash IS NULL "
                + "AND client_prefix IS NULL AND hold_rule IS NULL", mailboxKey(unknown)));
        String withPort = uniqueEmail("with-port");
        signJson(browser().from("203.0.113.99:41234"), campaign, withPort);
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE email_key = ? AND HEX(client_prefix) = 'CB007100'",
                mailboxKey(withPort)), "203.0.113.0/24, the port dropped");
    }

    long held(Campaign campaign, String rule) {
        return rule == null
                ? queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND hold_rule IS NOT NULL", campaign.id())
                : queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND hold_rule = ?", campaign.id(), rule);
    }
}
