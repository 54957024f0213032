package org.cfcr.petitions.campaign;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which moves a campaign may make, what must be true for them, and what a closed campaign still takes. */
class CampaignLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final CampaignLifecycle lifecycle = new CampaignLifecycle(null, null, Clock.fixed(NOW, ZoneOffset.UTC));

    static Campaign campaign(CampaignState state, Instant deadline, Instant closedAt, String titleEn) {
        return new Campaign(1L, "free-them", state, 1000, deadline, closedAt, titleEn, "释放", "s", "摘", "b", "正文",
                "t", "目标", true, NOW.minus(Duration.ofDays(30)), NOW);
    }

    @Test
    void a_draft_is_published_a_campaign_closed_and_reopened_and_never_drafted_again() {
        assertTrue(CampaignState.DRAFT.canMoveTo(CampaignState.OPEN));
        assertTrue(CampaignState.OPEN.canMoveTo(CampaignState.CLOSED));
        assertTrue(CampaignState.CLOSED.canMoveTo(CampaignState.OPEN));
        assertFalse(CampaignState.OPEN.canMoveTo(CampaignState.DRAFT));
        assertFalse(CampaignState.CLOSED.canMoveTo(CampaignState.DRAFT));
        assertFalse(CampaignState.DRAFT.canMoveTo(CampaignState.CLOSED));
    }

    @Test
    void each_refusal_says_why() {
        assertEquals("admin.state.refused.already",
                lifecycle.refusal(campaign(CampaignState.OPEN, null, null, "T"), CampaignState.OPEN).orElseThrow());
        assertEquals("admin.state.refused.openToDraft",
                lifecycle.refusal(campaign(CampaignState.OPEN, null, null, "T"), CampaignState.DRAFT).orElseThrow());
        assertEquals("admin.state.refused.incomplete",
                lifecycle.refusal(campaign(CampaignState.DRAFT, null, null, " "), CampaignState.OPEN).orElseThrow());
        assertEquals("admin.state.refused.deadlinePassed",
                lifecycle.refusal(campaign(CampaignState.DRAFT, NOW.minusSeconds(1), null, "T"), CampaignState.OPEN)
                        .orElseThrow());
        assertTrue(lifecycle.refusal(campaign(CampaignState.DRAFT, NOW.plusSeconds(60), null, "T"), CampaignState.OPEN)
                .isEmpty());
    }

    @Test
    void an_open_campaign_past_its_deadline_is_closed_to_the_public() {
        Campaign pastDeadline = campaign(CampaignState.OPEN, NOW.minusSeconds(1), null, "T");
        assertEquals(CampaignState.CLOSED, pastDeadline.effectiveState(NOW));
        assertFalse(pastDeadline.acceptsSignatures(NOW));
        assertTrue(campaign(CampaignState.OPEN, NOW.plusSeconds(1), null, "T").acceptsSignatures(NOW));
    }

    @Test
    void a_closed_campaign_takes_confirmations_for_the_grace_period_after_it_closed() {
        Duration grace = Duration.ofHours(24);
        Campaign closedByHand = campaign(CampaignState.CLOSED, null, NOW.minus(Duration.ofHours(23)), "T");
        assertTrue(closedByHand.acceptsConfirmations(NOW, grace));
        assertFalse(campaign(CampaignState.CLOSED, null, NOW.minus(Duration.ofHours(25)), "T").acceptsConfirmations(NOW, grace));
        Campaign closedAtDeadline = campaign(CampaignState.OPEN, NOW.minus(Duration.ofHours(25)), null, "T");
        assertFalse(closedAtDeadline.acceptsConfirmations(NOW, grace));
        assertFalse(campaign(CampaignState.DRAFT, null, null, "T").acceptsConfirmations(NOW, grace));
    }
}
