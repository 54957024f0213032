package org.cfcr.petitions.kernel.db;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
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
    void a_batch_that_fails_part_way_leaves_none_of_its_rows_and_the_transaction_goes_on() {
        String group = "g" + System.nanoTime();
        transactions.executeWrite(status -> {
            sql.update("CREATE TABLE IF NOT EXISTS sql_test_batch (name VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "grp VARCHAR(32) NOT NULL)");
            sql.update(INSERT, group + "-taken", group);
            return null;
        });
        transactions.executeWrite(status -> {
            List<Object[]> rows = List.of(new Object[]{group + "-first", group}, new Object[]{group + "-second", group},
                    new Object[]{group + "-taken", group});
            assertThrows(Sql.DuplicateKeyException.class, () -> sql.batch(INSERT, rows));
            sql.batch(INSERT, List.<Object[]>of(new Object[]{group + "-after", group}));
            return null;
        });
        assertEquals(2, queryLong("SELECT COUNT(*) FROM sql_test_batch WHERE grp = ?", group),
                "the row before the batch and the one after it; none of the failed batch");
    }

    /** A table of the test's own: what is tested is Sql, not any feature's table. */
    private static final String INSERT = "INSERT INTO sql_test_batch (name, grp) VALUES (?, ?)";
}
