package org.cfcr.petitions.kernel.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * the cluster's certification (Galera), and waits. The holder renews it while it migrates (each
 * renewal changes the row); a holder that dies leaves a row that stops changing, and a waiter that
 * has seen it unchanged for {@link #TERM} by its own clock takes over. No clock is compared with
 * another's: not the service nodes', nor the cluster nodes' (NOW() differs between them).
 */
final class MigrationLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationLease.class);
    static final Duration TERM = Duration.ofSeconds(30);
    static final String TABLE = "schema_migration_lease";

    private final DataSource dataSource;
    private final String holder;
    private final ScheduledExecutorService renewer;

    /** The lease row as one waiter saw it, and since when (its own monotonic clock) it has not changed. */
    private record Seen(String holder, String version, long sinceNanos) {
    }

    private MigrationLease(DataSource dataSource, String holder, Duration term) {
        this.dataSource = dataSource;
        this.holder = holder;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migration-lease");
            thread.setDaemon(true); // a node that fails to start must not keep its lease alive
            return thread;
        });
        long every = term.dividedBy(3).toMillis();
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Waits for the lease, at most {@code patience}; then the node does not start (and says why). */
    static MigrationLease take(DataSource dataSource, Duration patience) {
        return take(dataSource, patience, TERM);
    }

    /** {@code term}: how long a lease row may stay unchanged before it is taken over. */
    static MigrationLease take(DataSource dataSource, Duration patience, Duration term) {
        String holder = "node-" + UUID.randomUUID();
        Instant giveUpAt = Instant.now().plus(patience);
        boolean told = false;
        Seen seen = null;
        try {
            createTable(dataSource);
            while (!tryInsert(dataSource, holder)) {
                seen = takeOverIfStill(dataSource, seen, term);
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
        return new MigrationLease(dataSource, holder, term);
    }

    private static void createTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // IF NOT EXISTS: nodes starting together on an empty database all run it
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id TINYINT NOT NULL PRIMARY KEY, "
                    + "holder VARCHAR(64) NOT NULL, renewed_at DATETIME(6) NOT NULL) ENGINE=InnoDB");
        }
    }

    private static boolean tryInsert(DataSource dataSource, String holder) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                     + " (id, holder, renewed_at) VALUES (1, ?, NOW(6))")) {
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

    /**
     * Ends the lease row if it has not changed for {@code term} since this waiter first saw it so (its
     * holder stopped renewing: it died while migrating); returns the row as seen now.
     */
    private static Seen takeOverIfStill(DataSource dataSource, Seen before, Duration term) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT holder, CAST(renewed_at AS CHAR) AS version FROM " + TABLE
                     + " WHERE id = 1")) {
            if (!row.next()) {
                return null; // released meanwhile: the next insert may succeed
            }
            Seen now = new Seen(row.getString("holder"), row.getString("version"), System.nanoTime());
            if (before == null || !before.holder().equals(now.holder()) || !before.version().equals(now.version())) {
                return now;
            }
            if (Duration.ofNanos(now.sinceNanos() - before.sinceNanos()).compareTo(term) < 0) {
                return before;
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
                    + " WHERE id = 1 AND holder = ? AND CAST(renewed_at AS CHAR) = ?")) {
                delete.setString(1, before.holder());
                delete.setString(2, before.version());
                if (delete.executeUpdate() > 0) {
                    LOG.warn("The schema migration lease of {} was not renewed for {} s (the node stopped while "
                            + "migrating?): taking over", before.holder(), term.toSeconds());
                }
            }
            return null;
        } catch (SQLException e) {
            if (Sql.isConflict(e)) {
                return before;
            }
            throw e;
        }
    }

    private void renew() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                     + " SET renewed_at = NOW(6) WHERE id = 1 AND holder = ?")) {
            update.setString(1, holder);
            if (update.executeUpdate() == 0) {
                // another node saw the lease unchanged for a whole term and took it: two may now migrate
                LOG.error("This node lost the schema migration lease while migrating: another node took it over");
            }
        } catch (SQLException e) {
            LOG.warn("Could not renew the schema migration lease (another node takes it over after {} s without "
                    + "a renewal): {}", TERM.toSeconds(), e.getMessage());
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
            LOG.warn("Could not end the schema migration lease; another node takes it over after {} s: {}",
                    TERM.toSeconds(), e.getMessage());
        }
    }
}
