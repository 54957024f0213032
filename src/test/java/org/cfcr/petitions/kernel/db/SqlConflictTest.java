package org.cfcr.petitions.kernel.db;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Galera cluster reports a write another cluster node committed first as a deadlock at the commit,
 * which the transaction manager wraps: a conflict is known by its cause, wherever it surfaced.
 */
class SqlConflictTest {

    private static final SQLException DEADLOCK = new SQLException("Deadlock found when trying to get lock", "40001", 1213);

    @Test
    void a_conflict_is_known_at_a_statement_and_wrapped_at_the_commit() {
        assertTrue(Sql.isConflict(new RuntimeException("Could not commit JDBC transaction", DEADLOCK)));
        assertTrue(Sql.isConflict(new SQLException("Lock wait timeout exceeded", "HY000", 1205)));
        assertFalse(Sql.isConflict(new RuntimeException("SQL failed", new SQLException("Duplicate entry", "23000", 1062))));
        assertFalse(Sql.isConflict(new IllegalStateException("a fault of ours")));
    }

    @Test
    void work_that_lost_a_conflict_at_its_commit_runs_once_more_and_other_failures_do_not() {
        AtomicInteger runs = new AtomicInteger();
        assertEquals("done", Sql.onceMoreOnConflict(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new RuntimeException("Could not commit JDBC transaction", DEADLOCK);
            }
            return "done";
        }));
        assertEquals(2, runs.get());

        AtomicInteger failing = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> Sql.onceMoreOnConflict(() -> {
            failing.incrementAndGet();
            throw new IllegalStateException("a fault of ours");
        }));
        assertEquals(1, failing.get(), "not a conflict: not run again");
    }
}
