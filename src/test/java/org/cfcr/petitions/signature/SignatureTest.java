package org.cfcr.petitions.signature;

import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.screening.HoldRule;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether a signature counts, in Java and in the SQL the store uses, for every combination. */
class SignatureTest {

    static Signature signature(SignatureStatus status, HoldRule hold, Long invalidation) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        return new Signature(1, 1, "jane@example.org", "Jane Doe", "HK", "Kowloon", PublicDisplay.INITIALS, true, Lang.EN,
                status, hold, invalidation, now, status == SignatureStatus.CONFIRMED ? now : null, now, 1);
    }

    static List<Signature> everyCombination() {
        List<Signature> all = new ArrayList<>();
        for (SignatureStatus status : SignatureStatus.values()) {
            for (HoldRule hold : new HoldRule[]{null, HoldRule.BOT}) {
                for (Long invalidation : new Long[]{null, 7L}) {
                    all.add(signature(status, hold, invalidation));
                }
            }
        }
        return all;
    }

    @Test
    void only_a_confirmed_signature_that_nothing_holds_counts() {
        assertTrue(signature(SignatureStatus.CONFIRMED, null, null).counts());
        assertFalse(signature(SignatureStatus.PENDING, null, null).counts());
        assertFalse(signature(SignatureStatus.WITHDRAWN, null, null).counts());
        assertFalse(signature(SignatureStatus.CONFIRMED, HoldRule.ADDRESS_RATE, null).counts());
        assertFalse(signature(SignatureStatus.CONFIRMED, null, 7L).counts());
        for (Signature signature : everyCombination()) {
            assertEquals(signature.counts(), signature.state().counts(), signature.toString());
        }
    }

    @Test
    void its_state_says_in_one_word_what_status_hold_and_invalidation_say_together() {
        assertEquals(SignatureState.PENDING, signature(SignatureStatus.PENDING, null, null).state());
        assertEquals(SignatureState.HELD, signature(SignatureStatus.CONFIRMED, HoldRule.BOT, null).state());
        assertEquals(SignatureState.INVALIDATED, signature(SignatureStatus.PENDING, HoldRule.BOT, 7L).state());
        assertEquals(SignatureState.WITHDRAWN, signature(SignatureStatus.WITHDRAWN, HoldRule.BOT, 7L).state());
    }

    @Test
    void the_team_reads_why_a_signature_does_not_count() {
        assertEquals("invalidated #7", signature(SignatureStatus.CONFIRMED, HoldRule.BOT, 7L).heldBecause().orElseThrow());
        assertEquals("domain_rate", signature(SignatureStatus.CONFIRMED, HoldRule.DOMAIN_RATE, null).heldBecause().orElseThrow());
        assertTrue(signature(SignatureStatus.CONFIRMED, null, null).heldBecause().isEmpty());
    }

    @Test
    void updates_go_to_counted_signers_who_asked_for_them() {
        assertTrue(signature(SignatureStatus.CONFIRMED, null, null).receivesUpdates());
        assertFalse(signature(SignatureStatus.CONFIRMED, null, 7L).receivesUpdates());
        assertFalse(signature(SignatureStatus.PENDING, null, null).receivesUpdates());
    }

    @Test
    void the_sql_of_each_rule_selects_exactly_the_signatures_the_java_rule_accepts() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:rules;MODE=MySQL")) {
            db.createStatement().execute("CREATE TABLE signature (id BIGINT PRIMARY KEY, status VARCHAR(16), "
                    + "hold_rule VARCHAR(16), invalidation_id BIGINT, email_updates BOOLEAN)");
            List<Signature> all = everyCombination();
            for (int i = 0; i < all.size(); i++) {
                Signature s = all.get(i);
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO signature VALUES (?, ?, ?, ?, ?)")) {
                    insert.setLong(1, i);
                    insert.setString(2, s.status().name());
                    insert.setString(3, s.holdRule() == null ? null : s.holdRule().name());
                    insert.setObject(4, s.invalidationId());
                    insert.setBoolean(5, s.wantsUpdates());
                    insert.execute();
                }
            }
            assertSame(db, all, Signature.COUNTS_SQL, Signature::counts);
            assertSame(db, all, Signature.COUNTS_ONCE_RELEASED_SQL, Signature::countsOnceReleased);
            assertSame(db, all, Signature.COUNTS_ONCE_RESTORED_SQL, Signature::countsOnceRestored);
            assertSame(db, all, Signature.RECEIVES_UPDATES_SQL, Signature::receivesUpdates);
        }
    }

    private static void assertSame(Connection db, List<Signature> all, String condition, Predicate<Signature> rule)
            throws SQLException {
        List<Long> bySql = new ArrayList<>();
        try (ResultSet rows = db.createStatement().executeQuery("SELECT id FROM signature WHERE " + condition + " ORDER BY id")) {
            while (rows.next()) {
                bySql.add(rows.getLong(1));
            }
        }
        List<Long> byJava = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (rule.test(all.get(i))) {
                byJava.add((long) i);
            }
        }
        assertEquals(byJava, bySql, condition);
    }
}
