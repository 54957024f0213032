package org.cfcr.petitions.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cfcr.petitions.press.CsvCells;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.concurrent.atomic.AtomicLong;

/** An open export query, read a chunk of CSV at a time. Owns its connection until closed. */
final class Cursor {

    private static final Logger LOG = LoggerFactory.getLogger(Cursor.class);

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final AtomicLong written;
    private boolean headerSent;
    private boolean exhausted;

    Cursor(Connection connection, PreparedStatement statement, ResultSet rows, AtomicLong written) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.written = written;
    }

    /** The next piece of the file, or null at the end. */
    byte[] nextChunk() throws SQLException, IOException {
        if (exhausted) {
            return null;
        }
        StringBuilder out = new StringBuilder(SignatureExport.ROWS_PER_CHUNK * 120);
        if (!headerSent) {
            out.append(SignatureExport.HEADER);
            headerSent = true;
        }
        int count = 0;
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            while (count < SignatureExport.ROWS_PER_CHUNK && rows.next()) {
                printer.printRecord(rows.getLong(1), CsvCells.safe(rows.getString(2)), CsvCells.safe(rows.getString(3)),
                        rows.getString(4), CsvCells.safe(rows.getString(5)), rows.getString(6),
                        rows.getBoolean(7) ? "yes" : "no", rows.getString(8), rows.getString(9).toLowerCase(),
                        iso(rows.getTimestamp(10)), iso(rows.getTimestamp(11)), held(rows.getString(12), rows.getLong(13)));
                count++;
            }
        }
        if (count < SignatureExport.ROWS_PER_CHUNK) {
            exhausted = true;
        }
        written.addAndGet(count);
        return out.isEmpty() ? null : out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Why the signature does not count although confirmed: the rule that held it, or the invalidation. */
    private static String held(String rule, long invalidationId) {
        if (invalidationId != 0) {
            return "invalidated #" + invalidationId;
        }
        return rule == null ? "" : rule.toLowerCase();
    }

    private static String iso(Timestamp timestamp) {
        return timestamp == null ? "" : timestamp.toInstant().toString();
    }

    /**
     * Closing a half-read streaming result makes Connector/J read the rest; cancelling the query
     * first lets an abandoned export of a million rows end at once.
     */
    void close() {
        try {
            if (!exhausted) {
                statement.cancel();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Cancelling an export query failed: {}", e.toString());
        }
        try (connection; statement; rows) {
            LOG.trace("Export cursor closed");
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing an export cursor failed: {}", e.toString());
        }
    }
}
