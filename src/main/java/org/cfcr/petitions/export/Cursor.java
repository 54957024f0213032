package org.cfcr.petitions.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cfcr.petitions.kernel.text.CsvCells;
import org.cfcr.petitions.signature.ExportRows;
import org.cfcr.petitions.signature.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open export query, read a chunk of CSV at a time, with the export's watermark: a ref on every
 * row and canary rows among them. Reads one row ahead, to know whether the ids leave room for a
 * canary. Owns its connection until closed.
 */
final class Cursor {

    private static final Logger LOG = LoggerFactory.getLogger(Cursor.class);

    private final Connection connection;
    private final ExportRows rows;
    private final ExportWatermark watermark;
    private final AtomicLong written;
    private boolean started;
    private Signature ahead;
    private boolean exhausted;

    Cursor(Connection connection, ExportRows rows, ExportWatermark watermark, AtomicLong written) {
        this.connection = connection;
        this.rows = rows;
        this.watermark = watermark;
        this.written = written;
    }

    /** The next piece of the file, or null at the end. */
    byte[] nextChunk() throws SQLException, IOException {
        if (exhausted) {
            return null;
        }
        StringBuilder out = new StringBuilder(SignatureExport.ROWS_PER_CHUNK * 150);
        if (!started) {
            out.append(SignatureExport.HEADER);
            ahead = rows.next();
            started = true;
        }
        int count = 0;
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            while (count < SignatureExport.ROWS_PER_CHUNK && ahead != null) {
                Signature row = ahead;
                ahead = rows.next();
                print(printer, row);
                count++;
                CanaryRow canary = watermark.after(row, ahead);
                if (canary != null) {
                    print(printer, canary.looks());
                }
            }
            if (ahead == null) {
                for (CanaryRow canary : watermark.atEnd()) {
                    print(printer, canary.looks());
                }
                exhausted = true;
            }
        }
        // canaries are not signatures: the record counts the real rows
        written.addAndGet(count);
        return out.isEmpty() ? null : out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void print(CSVPrinter printer, Signature signature) throws IOException {
        printer.printRecord(signature.id(), CsvCells.safe(signature.name()), CsvCells.safe(signature.email()),
                signature.country(), CsvCells.safe(signature.city()), signature.display(),
                signature.wantsUpdates() ? "yes" : "no", signature.lang().code(),
                signature.status().name().toLowerCase(Locale.ROOT), iso(signature.createdAt()),
                iso(signature.confirmedAt()), signature.heldBecause().orElse(""), watermark.ref(signature.id()));
    }

    private static String iso(Instant time) {
        return time == null ? "" : time.toString();
    }

    /**
     * Closing a half-read streaming result makes Connector/J read the rest; cancelling the query
     * first lets an abandoned export of a million rows end at once.
     */
    void close() {
        try {
            if (!exhausted) {
                rows.cancel();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Cancelling an export query failed: {}", e.toString());
        }
        try (connection; rows) {
            LOG.trace("Export cursor closed");
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing an export cursor failed: {}", e.toString());
        }
    }
}
