package org.cfcr.petitions.kernel.db;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plain SQL on the connection of the current Micronaut transaction. The hot paths (signing,
 * confirming, the outbox, counts) need statements a repository cannot express, such as
 * {@code FOR UPDATE SKIP LOCKED}. Callers open the transaction ({@code @Transactional}); this class
 * never does, so that a caught duplicate-key error does not doom the surrounding transaction.
 */
@Singleton
public class Sql {

    /** Statements up to prepStmtCacheSqlLimit (MysqlConnectionTuning) are cached: 2,048 characters. */
    static final int LONGEST_CACHED_IN = 256;

    private static final DateTimeFormatter MYSQL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private final JdbcOperations jdbc;
    private volatile Boolean mysql;

    public Sql(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public int update(String sql, Object... args) {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /**
     * The values of an {@code IN (...)} list, as placeholders: one per value, rounded up to a power
     * of two by repeating the last value, so that a statement comes in a handful of shapes that
     * Connector/J parses once and keeps in its statement cache (ids written into the text made every
     * statement new text to parse). Lists longer than {@value #LONGEST_CACHED_IN} are not padded:
     * their text is too long for the cache anyway. Write the list last in the statement; see
     * {@link In#after}.
     */
    public static In in(Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("An empty IN list matches nothing; check before the statement");
        }
        List<Object> padded = new ArrayList<>(values);
        if (padded.size() <= LONGEST_CACHED_IN) {
            int size = Integer.highestOneBit(padded.size() - 1) << 1;
            Object last = padded.get(padded.size() - 1);
            while (padded.size() < size) {
                padded.add(last);
            }
        }
        return new In(String.join(",", Collections.nCopies(padded.size(), "?")), padded);
    }

    /** Placeholders for the inside of {@code IN (...)}, and their values. */
    public record In(String placeholders, List<Object> values) {
        /** The statement's arguments: these first, then the list's values. */
        public Object[] after(Object... leading) {
            Object[] args = Arrays.copyOf(leading, leading.length + values.size());
            for (int i = 0; i < values.size(); i++) {
                args[leading.length + i] = values.get(i);
            }
            return args;
        }
    }

    /**
     * Runs the statement once for each row of arguments, as one JDBC batch. The text stays the same
     * whatever the number of rows, so Connector/J parses it once and keeps it (a multi-row VALUES
     * written out is new text for each count, parsed again every time), and still sends the rows as
     * one multi-row INSERT (rewriteBatchedStatements; the embedded H2 database runs the rows one by
     * one).
     * <p>
     * A failure part way fails the caller's transaction, whose rollback undoes the rows already
     * written: a caller must let the error end its transaction, not catch it and go on. A savepoint
     * around each batch, so that a caller could, cost two more round trips a batch, a sixth of the
     * signing thread's time in a flood (async-profiler over bench/run's signing).
     */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /**
     * Runs the work, and once more if it lost a conflict to another transaction ({@link #isConflict}):
     * the server rolled ours back, so running it again is safe, and the other one is usually done.
     */
    public static <T> T onceMoreOnConflict(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failure) {
            if (!isConflict(failure)) {
                throw failure;
            }
            return work.get();
        }
    }

    /**
     * Whether the failure is a conflict with another transaction that the server rolled ours back
     * for: a deadlock or lock wait at a statement ({@link TransientException}), or at the commit,
     * where a Galera cluster reports a write that another cluster node committed first (as a
     * deadlock, wrapped by the transaction manager).
     */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientException || t instanceof SQLException e && isConflict(e)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isConflict(SQLException e) {
        // deadlock, lock wait timeout, and MariaDB 11.6+'s "record has changed since last read"
        return "40001".equals(e.getSQLState()) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205
                || e.getErrorCode() == 1020;
    }

    /** Runs an INSERT and returns the generated key. */
    public long insert(String sql, Object... args) {
        try (PreparedStatement statement = connection().prepareStatement(sql, PreparedStatement.RETURN_GENERATED_KEYS)) {
            bind(statement, args);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new DataAccessException("No generated key for: " + sql);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** Hands each row to the consumer as it is read, without collecting them. */
    public void forEach(String sql, RowConsumer consumer, Object... args) {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(rows);
                }
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = list(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * The hint that makes the query use this index, for a query whose best plan the optimizer
     * misses: {@code FORCE INDEX} on MySQL and MariaDB; {@code USE INDEX} on H2 (the embedded
     * default), which reads no other.
     */
    public String forcedIndex(String index) {
        try {
            return (isMysql(connection()) ? "FORCE INDEX (" : "USE INDEX (") + index + ")";
        } catch (SQLException e) {
            throw translate("forcedIndex", e);
        }
    }

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private Connection connection() {
        return jdbc.getConnection();
    }

    /**
     * Times are stored as UTC wall times, to the microsecond. On MySQL and MariaDB (whose connections
     * are set to UTC, MysqlConnectionTuning) they are bound as text with their six fractional
     * digits, which every server of the family reads exactly. Connector/J's own binding of a
     * LocalDateTime or Timestamp drops the fraction when the server's version looks older than
     * MySQL 5.6.4, and MariaDB 10.x announces itself as "5.5.5-10.x": a keyset cursor bound that way
     * fell back to the start of its second and walked the same rows again. Text is also cheaper than
     * a Timestamp, for which Connector/J builds a SimpleDateFormat and a Calendar per value, on the
     * hottest path of a signing flood. H2 (the embedded default) reads Timestamps in the JVM's zone,
     * so it keeps getting Timestamps.
     */
    private void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (isMysql(statement.getConnection())) {
            statement.setString(index, MYSQL_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
        } else {
            statement.setTimestamp(index, Timestamp.from(instant));
        }
    }

    private boolean isMysql(Connection connection) throws SQLException {
        Boolean known = mysql;
        if (known == null) {
            String url = connection.getMetaData().getURL();
            known = url != null && (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:"));
            mysql = known;
        }
        return known;
    }

    /**
     * Binds the arguments as every statement here is bound, for a statement run on a connection of
     * the caller's (a streamed export): times, enums and bytes as the database needs them.
     */
    public void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            if (arg == null) {
                statement.setNull(index, Types.NULL);
            } else if (arg instanceof Instant instant) {
                bindInstant(statement, index, instant);
            } else if (arg instanceof Enum<?> value) {
                statement.setString(index, value.name());
            } else if (arg instanceof byte[] bytes) {
                statement.setBytes(index, bytes);
            } else {
                statement.setObject(index, arg);
            }
        }
    }

    private static DataAccessException translate(String sql, SQLException e) {
        if (isDuplicateKey(e)) {
            return new DuplicateKeyException(e);
        }
        if (isConflict(e)) {
            return new TransientException(e);
        }
        return new DataAccessException("SQL failed: " + sql, e);
    }

    private static boolean isDuplicateKey(SQLException e) {
        // MySQL/MariaDB error 1062; SQLState 23505 elsewhere (H2)
        return (e instanceof SQLIntegrityConstraintViolationException || "23000".equals(e.getSQLState())
                || "23505".equals(e.getSQLState()))
                && (e.getErrorCode() == 1062 || "23505".equals(e.getSQLState()));
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    /** A deadlock or lock wait timeout: the whole transaction may be retried. */
    public static final class TransientException extends DataAccessException {
        TransientException(SQLException cause) {
            super("Transaction conflict, retry", cause);
        }
    }

    /** A unique constraint refused the row: the caller decides what a duplicate means. */
    public static final class DuplicateKeyException extends DataAccessException {
        DuplicateKeyException(SQLException cause) {
            super("Duplicate key", cause);
        }
    }
}
