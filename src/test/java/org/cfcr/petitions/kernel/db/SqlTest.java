package org.cfcr.petitions.kernel.db;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.kernel.secret.SecretTokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@MicronautTest(transactional = false)
class SqlTest extends ServiceTest {

    @Inject
    Sql sql;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void in_lists_come_in_powers_of_two_with_the_last_value_repeated() {
        assertEquals("?", Sql.in(List.of(7L)).placeholders());
        assertEquals(List.of(7L, 8L), Sql.in(List.of(7L, 8L)).values());
        assertEquals(List.of(7L, 8L, 9L, 9L), Sql.in(List.of(7L, 8L, 9L)).values());
        assertEquals(256, Sql.in(new ArrayList<>(Collections.nCopies(200, 1L))).values().size());
        assertEquals(256, Sql.in(new ArrayList<>(Collections.nCopies(256, 1L))).values().size());
        assertEquals(1000, Sql.in(new ArrayList<>(Collections.nCopies(1000, 1L))).values().size(),
                "too long for the statement cache anyway: not padded");
        assertEquals(3 + 4, Sql.in(List.of(1L, 2L, 3L)).after("a", "b", "c").length);
    }

    @Test
    void a_batch_that_fails_part_way_leaves_none_of_its_rows_and_the_transaction_goes_on() {
        Campaign campaign = openCampaign();
        Instant now = Instant.now();
        byte[] taken = key("taken");
        transactions.executeWrite(status -> {
            sql.update("INSERT INTO signature (campaign_id, email_key, email, name, country, public_display, "
                            + "email_updates, lang, status, created_at, last_emailed_at, emails_sent) "
                            + "VALUES (?, ?, ?, ?, 'HK', 'HIDDEN', FALSE, 'en', 'PENDING', ?, ?, 1)", campaign.id(), taken, "taken@example.org", "Taken", now, now);
            return null;
        });
        transactions.executeWrite(status -> {
            List<Object[]> rows = List.of(row(campaign, key("first"), now), row(campaign, key("second"), now),
                    row(campaign, taken, now));
            assertThrows(Sql.DuplicateKeyException.class, () -> sql.batch(INSERT, rows));
            sql.batch(INSERT, List.<Object[]>of(row(campaign, key("after"), now)));
            return null;
        });
        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()),
                "the row before the batch and the one after it; none of the failed batch");
    }

    private static final String INSERT = "INSERT INTO signature (campaign_id, email_key, email, name, country, "
            + "public_display, email_updates, lang, status, created_at, last_emailed_at, emails_sent) "
            + "VALUES (?, ?, ?, 'Batch', 'HK', 'HIDDEN', FALSE, 'en', 'PENDING', ?, ?, 1)";

    private static Object[] row(Campaign campaign, byte[] key, Instant now) {
        return new Object[]{campaign.id(), key, HexFormat.of().formatHex(key, 0, 8) + "@example.org", now, now};
    }

    private static byte[] key(String who) {
        return SecretTokens.hash(who);
    }
}
