package org.cfcr.petitions.retention;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignLifecycle;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Six months after a campaign closes, its signers' personal data goes and its count stays. */
@MicronautTest(transactional = false)
class AnonymisationTest extends ServiceTest {

    @Inject
    Anonymisation anonymisation;

    @Inject
    CampaignLifecycle lifecycle;

    @Test
    void signers_of_along_closed_campaign_are_erased_and_the_count_stays() {
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

        assertTrue(anonymisation.due(now).contains(old.id()), "closed 181 days ago");
        assertFalse(anonymisation.due(now).contains(recent.id()), "closed 170 days ago");
        anonymisation.anonymise(old.id());

        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND name = '' AND email = '' "
                + "AND city IS NULL AND client_hash IS NULL AND public_display = 'HIDDEN' AND status = 'CONFIRMED'", old.id()));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM withdrawal_token w JOIN signature s ON s.id = w.signature_id "
                + "WHERE s.campaign_id = ?", old.id()), "links die with the data");
        assertEquals(2, countOf(old), "the count stays");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM campaign WHERE id = ? AND anonymised_at IS NOT NULL", old.id()));
        assertFalse(anonymisation.due(now).contains(old.id()));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND email = ?", recent.id(), stays));
        assertFalse(campaigns.findById(old.id()).map(c -> c.state() != CampaignState.CLOSED).orElse(true));
    }
}
