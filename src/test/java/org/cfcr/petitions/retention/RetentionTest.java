package org.cfcr.petitions.retention;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.sql.Timestamp;
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
        Instant now = Instant.now();
        long old = signature(campaign, "PENDING", now.minus(Duration.ofDays(31)));
        long recent = signature(campaign, "PENDING", now.minus(Duration.ofDays(29)));
        long confirmed = signature(campaign, "CONFIRMED", now.minus(Duration.ofDays(300)));
        for (long id : new long[] {old, recent}) {
            execute("INSERT INTO confirmation_token (token_hash, signature_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    random(), id, Timestamp.from(now), Timestamp.from(now));
            execute("INSERT INTO withdrawal_token (token_hash, signature_id, created_at) VALUES (?, ?, ?)",
                    random(), id, Timestamp.from(now));
            execute("INSERT INTO outbox_email (kind, signature_id, status, attempts, created_at, next_attempt_at) "
                    + "VALUES ('CONFIRMATION', ?, 'SENT', 1, ?, ?)", id, Timestamp.from(now), Timestamp.from(now));
        }

        while (retention.purgeUnconfirmed(now) > 0) {
            // other tests' old rows may be purged too; keep going until nothing is left
        }

        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE id = ?", old));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM confirmation_token WHERE signature_id = ?", old));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM withdrawal_token WHERE signature_id = ?", old));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM outbox_email WHERE signature_id = ?", old));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE id = ?", recent));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM outbox_email WHERE signature_id = ?", recent));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE id = ?", confirmed), "confirmed ones stay");
    }

    private long signature(Campaign campaign, String status, Instant createdAt) {
        var signature = signatures(campaign).named("Someone").email(uniqueEmail("retention")).from("CN", null)
                .showing(org.cfcr.petitions.signature.PublicDisplay.HIDDEN).at(createdAt);
        return "CONFIRMED".equals(status) ? signature.confirmed() : signature.pending();
    }

    private static byte[] random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
