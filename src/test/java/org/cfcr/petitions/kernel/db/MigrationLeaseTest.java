package org.cfcr.petitions.kernel.db;

import com.zaxxer.hikari.HikariDataSource;
import org.cfcr.petitions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema migration lease on the real database: nodes starting together migrate one at a time, and a lease
 * left by a node that died is taken over once it runs out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationLeaseTest {

    private HikariDataSource pool;

    @BeforeAll
    void connect() {
        TestDatabase.Connection db = TestDatabase.get();
        pool = new HikariDataSource();
        pool.setJdbcUrl(db.url());
        pool.setUsername(db.user());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(8);
    }

    @AfterAll
    void disconnect() {
        pool.close();
    }

    @Test
    void nodes_starting_together_migrate_one_at_a_time() throws Exception {
        AtomicInteger migrating = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        List<Future<?>> starts = new ArrayList<>();
        for (int node = 0; node < 4; node++) {
            starts.add(nodes.submit(() -> {
                try (MigrationLease ignored = MigrationLease.take(pool, Duration.ofSeconds(30))) {
                    mostAtOnce.accumulateAndGet(migrating.incrementAndGet(), Math::max);
                    Thread.sleep(300);
                    migrating.decrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> start : starts) {
            start.get();
        }
        nodes.shutdown();
        assertEquals(1, mostAtOnce.get(), "no two nodes hold the lease at once");
    }

    @Test
    void a_lease_its_holder_stopped_renewing_is_taken_over_after_a_term_and_a_renewed_one_is_not() throws Exception {
        Duration term = Duration.ofSeconds(2);
        MigrationLease.take(pool, Duration.ofSeconds(5), term).close(); // the table exists
        execute("INSERT INTO schema_migration_lease (id, holder, renewed_at) VALUES (1, 'dead-node', NOW(6))");
        long started = System.nanoTime();
        try (MigrationLease ignored = MigrationLease.take(pool, Duration.ofSeconds(30), term)) {
            long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(waited >= 2000 && waited < 10_000, "waited " + waited + " ms for the dead node's lease");
        }

        // a holder that renews keeps it, however long it migrates
        try (MigrationLease held = MigrationLease.take(pool, Duration.ofSeconds(5), term)) {
            ExecutorService other = Executors.newSingleThreadExecutor();
            Future<MigrationLease> waiting = other.submit(() -> MigrationLease.take(pool, Duration.ofSeconds(30), term));
            Thread.sleep(term.multipliedBy(3).toMillis());
            assertFalse(waiting.isDone(), "taken from a holder that renews it");
            held.close();
            waiting.get(10, TimeUnit.SECONDS).close();
            other.shutdown();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
