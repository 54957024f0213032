package org.cfcr.petitions.kernel.db;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.cfcr.petitions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Sql on the real database, without the service: one connection in a transaction of the test's
 * own stands for the connection of the current Micronaut transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlTest {

    /** A table of the test's own: what is tested is Sql, not any feature's table. */
    private static final String INSERT = "INSERT INTO sql_test_batch (name, grp) VALUES (?, ?)";

    private Connection connection;
    private Sql sql;

    @BeforeAll
    void connect() throws SQLException {
        TestDatabase.Connection db = TestDatabase.get();
        connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        connection.setAutoCommit(false);
        sql = new Sql((JdbcOperations) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{JdbcOperations.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection;
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
    }

    @AfterAll
    void disconnect() throws SQLException {
        connection.close();
    }

    @Test
    void a_batch_that_fails_part_way_fails_its_transaction_and_the_rollback_leaves_none_of_its_rows() throws SQLException {
        String group = "g" + System.nanoTime();
        sql.update("CREATE TABLE IF NOT EXISTS sql_test_batch (name VARCHAR(64) NOT NULL PRIMARY KEY, "
                + "grp VARCHAR(32) NOT NULL)");
        sql.update(INSERT, group + "-taken", group);
        connection.commit();

        // this connection has no rewriteBatchedStatements: the rows go one by one, and the first two are written
        List<Object[]> rows = List.of(new Object[]{group + "-first", group}, new Object[]{group + "-second", group},
                new Object[]{group + "-taken", group});
        assertThrows(Sql.DuplicateKeyException.class, () -> sql.batch(INSERT, rows));
        connection.rollback();
        sql.batch(INSERT, List.<Object[]>of(new Object[]{group + "-after", group}));
        connection.commit();

        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM sql_test_batch WHERE grp = ?")) {
            count.setString(1, group);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                assertEquals(2, result.getLong(1), "the row before the batch and the one after it; none of the failed batch");
            }
        }
    }
}
