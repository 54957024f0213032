package org.cfcr.petitions.db;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plain SQL on the connection of the current Micronaut transaction. The hot paths (signing,
 * confirming, the outbox, counts) need statements a repository cannot express, such as
 * {@code FOR UPDATE SKIP LOCKED}. Callers open the transaction ({@code @Transactional}); this class
 * never does, so that a caught duplicate-key error does not doom the surrounding transaction.
 */
@Singleton
public class Sql {

    private final JdbcOperations jdbc;

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
     * Ids for the inside of {@code IN (...)}, written into the SQL: numbers only, so nothing a
     * caller passes can change the statement, and one statement whatever the number of ids.
     */
    public static String idList(Collection<? extends Number> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** {@code count} copies of a placeholder group, comma-separated: {@code IN (?,?,?)} or {@code VALUES (?, ?), (?, ?)}. */
    public static String repeated(String group, int count) {
        return String.join(",", Collections.nCopies(count, group));
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

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private Connection connection() {
        return jdbc.getConnection();
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            if (arg == null) {
                statement.setNull(index, Types.NULL);
            } else if (arg instanceof Instant instant) {
                statement.setTimestamp(index, Timestamp.from(instant));
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
        if ("40001".equals(e.getSQLState()) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205) {
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
