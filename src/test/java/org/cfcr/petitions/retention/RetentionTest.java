package org.cfcr.petitions.retention;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Signatures never confirmed are deleted after 30 days, with everything that points at them. */
@MicronautTest(transactional = false)
class RetentionTest extends ServiceTest {

    @Inject
    Retention retention;

    @Test
    void old_unconfirmed_signatures_go_and_everything_else_stays() {
        Campaign campaign = openCampaign();
        long confirmed = signatures(campaign).email(uniqueEmail("kept")).at(Instant.now().minus(Duration.ofDays(300)))
                .confirmed();
        String forgotten = uniqueEmail("forgotten");
        long old = signedAndMailed(campaign, forgotten);
        clock.advance(Duration.ofDays(2));
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
}
