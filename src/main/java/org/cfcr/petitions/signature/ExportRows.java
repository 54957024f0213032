package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.db.Sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** An open export query; closing it does not close the connection. */
public final class ExportRows implements AutoCloseable {
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final Sql.RowMapper<Signature> mapper;

    ExportRows(PreparedStatement statement, ResultSet rows, Sql.RowMapper<Signature> mapper) {
        this.statement = statement;
        this.rows = rows;
        this.mapper = mapper;
    }

    /** The next signature, or null at the end. */
    @Nullable
    public Signature next() throws SQLException {
        return rows.next() ? mapper.map(rows) : null;
    }

    /** Ends a half-read query at once (Connector/J would otherwise read the rest on close). */
    public void cancel() throws SQLException {
        statement.cancel();
    }

    @Override
    public void close() throws SQLException {
        try (statement; rows) {
            // both closed
        }
    }
}
