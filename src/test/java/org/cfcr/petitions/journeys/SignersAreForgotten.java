package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignLifecycle;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.retention.RetentionJobs;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A signer's story after signing: what is kept of them goes when its time is up, and the count stays. */
@MicronautTest(transactional = false)
class SignersAreForgotten extends ServiceTest {

    @Inject
    RetentionJobs retention;

    @Inject
    CampaignLifecycle lifecycle;

    // Signatures never confirmed are deleted after 30 days, with everything that points at them.

    @Test
    void old_unconfirmed_signatures_go_and_everything_else_stays() {
        Campaign campaign = openCampaign();
        long confirmed = signatures(campaign).email(uniqueEmail("kept")).at(Instant.now().minus(Duration.ofDays(300)))
                .confirmed();
        String forgotten = uniqueEmail("forgotten");
        clock.goBack(Duration.ofDays(2)); // never ahead: a row dated in the future would stay young for other tests
        long old = signedAndMailed(campaign, forgotten);
        clock.reset();
        long recent = signedAndMailed(campaign, uniqueEmail("recent"));
        clock.advance(Duration.ofDays(29).plusHours(1));

        while (retention.purgeUnconfirmed(clock.instant()) > 0) {
            // other tests' unconfirmed rows are as old by now; keep going until nothing is left
        }

        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE id = ?", old));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM confirmation_token WHERE signature_id = ?", old));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM withdrawal_token WHERE signature_id = ?", old));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM outbox_email WHERE signature_id = ?", old));
        String oldLink = java.net.URI.create(confirmLink(TestMailServer.awaitMessage(forgotten))).getPath();
        assertEquals(404, browser().get(oldLink).status(), "the old link is gone with its signature");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE id = ?", recent));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM confirmation_token WHERE signature_id = ?", recent));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM outbox_email WHERE signature_id = ?", recent));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE id = ?", confirmed), "confirmed ones stay");
    }

    /** Signed through the API; returns its id once its confirmation email (and link) exists. */
    private long signedAndMailed(Campaign campaign, String email) {
        assertEquals(202, signJson(browser(), campaign, email).status());
        TestMailServer.awaitMessage(email);
        return queryLong("SELECT MAX(id) FROM signature WHERE campaign_id = ?", campaign.id());
    }

    // Six months after a campaign closes, its signers' personal data goes and its count stays.

    @Test
    void signers_of_a_long_closed_campaign_are_erased_and_the_count_stays() {
        Campaign old = openCampaign();
        Campaign recent = openCampaign();
        String[] emails = {uniqueEmail("old-a"), uniqueEmail("old-b")};
        for (String email : emails) {
            signJson(browser().from("203.0.113.90"), old, email);
            confirmAs(email);
        }
        String stays = uniqueEmail("recent");
        signJson(browser(), recent, stays);
        confirmAs(stays);
        awaitCount(old, 2);

        assertEquals(Optional.empty(), lifecycle.move(old.id(), CampaignState.CLOSED, null));
        clock.advance(Duration.ofDays(11));
        assertEquals(Optional.empty(), lifecycle.move(recent.id(), CampaignState.CLOSED, null));
        clock.advance(Duration.ofDays(170).plusHours(1));
        Instant now = clock.instant();

        assertTrue(retention.anonymisationDue(now).contains(old.id()), "closed 181 days ago");
        assertFalse(retention.anonymisationDue(now).contains(recent.id()), "closed 170 days ago");
        retention.anonymise(old.id());

        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND name = '' AND email = '' "
                + "AND city IS NULL AND client_hash IS NULL AND public_display = 'HIDDEN' AND status = 'CONFIRMED'", old.id()));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM withdrawal_token w JOIN signature s ON s.id = w.signature_id "
                + "WHERE s.campaign_id = ?", old.id()), "links die with the data");
        assertEquals(2, countOf(old), "the count stays");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM campaign WHERE id = ? AND anonymised_at IS NOT NULL", old.id()));
        assertFalse(retention.anonymisationDue(now).contains(old.id()));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND email_key = ? AND email <> ''",
                recent.id(), mailboxKey(stays)));
        assertFalse(campaigns.findById(old.id()).map(c -> c.state() != CampaignState.CLOSED).orElse(true));
    }

    @Test
    void reopening_a_campaign_does_not_postpone_the_erasure_of_its_signers() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("reopened");
        signJson(browser(), campaign, email);
        confirmAs(email);
        awaitCount(campaign, 1);
        Instant firstClose = clock.instant();

        assertEquals(Optional.empty(), lifecycle.move(campaign.id(), CampaignState.CLOSED, null));
        clock.advance(Duration.ofDays(30));
        assertEquals(Optional.empty(), lifecycle.move(campaign.id(), CampaignState.OPEN, null));
        clock.advance(Duration.ofDays(60));
        assertEquals(Optional.empty(), lifecycle.move(campaign.id(), CampaignState.CLOSED, null));

        assertFalse(retention.anonymisationDue(firstClose.plus(Duration.ofDays(180)).minusSeconds(60)).contains(campaign.id()),
                "not before 180 days after the first close");
        assertTrue(retention.anonymisationDue(firstClose.plus(Duration.ofDays(180)).plusSeconds(60)).contains(campaign.id()),
                "180 days after the first close, not after the last");
        retention.anonymise(campaign.id());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND email <> ''", campaign.id()));
    }

    // What is kept of a signer's address, and that it goes after the retention time.

    @Test
    void only_a_network_and_a_keyed_hash_are_kept_and_both_go_after_thirty_days() {
        Campaign campaign = openCampaign();
        assertEquals(202, signJson(browser().from("198.51.100.77"), campaign, uniqueEmail("kept")).status());
        assertEquals(202, signJson(browser().from("2001:db8:aa:bb:cc::1"), campaign, uniqueEmail("kept6")).status());
        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND OCTET_LENGTH(client_hash) = 16",
                campaign.id()));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND HEX(client_prefix) = 'C6336400'",
                campaign.id()), "198.51.100.0/24, never the whole address");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? "
                + "AND HEX(client_prefix) = '20010DB800AA00000000000000000000'", campaign.id()), "2001:db8:aa::/48");

        while (retention.expireClientAddresses(Instant.now()) > 0) {
            // rows older than 30 days, from other tests, if any
        }
        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND client_prefix IS NOT NULL",
                campaign.id()), "young rows keep theirs");

        Instant later = Instant.now().plus(Duration.ofDays(31));
        while (retention.expireClientAddresses(later) > 0) {
            // walk to the end
        }
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? "
                + "AND (client_prefix IS NOT NULL OR client_hash IS NOT NULL)", campaign.id()));
    }
}
