package org.cfcr.petitions.kernel.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * One node at a time migrates the schema, however many start at once. Flyway's own lock on MySQL
 * is GET_LOCK, which a Galera cluster does not replicate: two service nodes starting through
 * different cluster nodes would both migrate. This lease is a row instead, which every database
 * node sees: of two nodes inserting it at once, one gets a duplicate key (one server) or loses
 * the cluster's certification (Galera), and waits. The holder renews it while it migrates; a
 * holder that dies leaves a lease that ends within {@link #TERM}, and the next node takes it.
 * Times are the database's clock, so the nodes' clocks need not agree.
 */
final class MigrationLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationLease.class);
    static final Duration TERM = Duration.ofSeconds(30);
    private static final String TABLE = "schema_migration_lease";

    private final DataSource dataSource;
    private final String holder;
    private final ScheduledExecutorService renewer;

    private MigrationLease(DataSource dataSource, String holder) {
        this.dataSource = dataSource;
        this.holder = holder;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migration-lease");
            thread.setDaemon(true); // a node that fails to start must not keep its lease alive
            return thread;
        });
        long every = TERM.dividedBy(3).toMillis();
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Waits for the lease, at most {@code patience}; then the node does not start (and says why). */
    static MigrationLease take(DataSource dataSource, Duration patience) {
        String holder = "node-" + UUID.randomUUID();
        Instant giveUpAt = Instant.now().plus(patience);
        boolean told = false;
        try {
            createTable(dataSource);
            while (!tryInsert(dataSource, holder)) {
                endExpired(dataSource);
                if (!told) {
                    LOG.info("Another node is migrating the schema; waiting for it (at most {} s)", patience.toSeconds());
                    told = true;
                }
                if (Instant.now().isAfter(giveUpAt)) {
                    throw new IllegalStateException("Another node held the schema migration lease for more than "
                            + patience.toSeconds() + " s (table " + TABLE + "). If no node is migrating, delete its row.");
                }
                Thread.sleep(500);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the schema migration lease: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema migration lease", e);
        }
        return new MigrationLease(dataSource, holder);
    }

    private static void createTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // IF NOT EXISTS: nodes starting together on an empty database all run it
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id TINYINT NOT NULL PRIMARY KEY, "
                    + "holder VARCHAR(64) NOT NULL, expires_at DATETIME(3) NOT NULL) ENGINE=InnoDB");
        }
    }

    private static boolean tryInsert(DataSource dataSource, String holder) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                     + " (id, holder, expires_at) VALUES (1, ?, NOW(3) + INTERVAL " + TERM.toSeconds() + " SECOND)")) {
            connection.setAutoCommit(true);
            insert.setString(1, holder);
            insert.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException held) {
            return false;
        } catch (SQLException e) {
            if (Sql.isConflict(e)) {
                return false; // another cluster node's insert was certified first
            }
            throw e;
        }
    }

    private static void endExpired(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (statement.executeUpdate("DELETE FROM " + TABLE + " WHERE id = 1 AND expires_at < NOW(3)") > 0) {
                LOG.warn("A node's schema migration lease ran out (the node stopped while migrating?): taking over");
            }
        } catch (SQLException e) {
            if (!Sql.isConflict(e)) {
                throw e;
            }
        }
    }

    private void renew() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET expires_at = NOW(3) + INTERVAL "
                     + TERM.toSeconds() + " SECOND WHERE id = 1 AND holder = ?")) {
            update.setString(1, holder);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not renew the schema migration lease: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = 1 AND holder = ?")) {
            delete.setString(1, holder);
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not end the schema migration lease; it runs out within {} s: {}", TERM.toSeconds(), e.getMessage());
        }
    }
}
