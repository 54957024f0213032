package org.cfcr.petitions.export;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.kernel.web.PageException;
import org.cfcr.petitions.signature.SignatureStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A campaign's signatures as CSV, streamed: one query whose rows the driver hands over as they
 * arrive ({@link SignatureStore#openExport}), turned into chunks only as fast as the client takes them. Memory stays flat for a million rows.
 * UTF-8 with a byte-order mark so that Excel shows Chinese names; formula-like cells neutralised.
 * Every file is watermarked ({@link ExportWatermark}): a leaked file, or a few of its rows, names
 * the export it came from ({@link ExportTracing}).
 */
@Singleton
public class SignatureExport {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureExport.class);
    static final int ROWS_PER_CHUNK = 2000;
    /** A client that takes nothing for this long loses its export and the database connection it held. */
    static final Duration STALLED = Duration.ofSeconds(60);
    static final String HEADER = "\uFEFFid,name,email,country,city,public_display,wants_updates,language,status,signed_at,"
            + "confirmed_at,held,ref\r\n";

    private final DataSource dataSource;
    private final SignatureStore signatures;
    private final ExportRecords records;
    private final Watermarks watermarks;
    /** Each running export holds a database connection; a few at a time per node. */
    private final Semaphore running = new Semaphore(2);

    SignatureExport(DataSource dataSource, DataSourceResolver resolver, SignatureStore signatures, ExportRecords records,
                    Watermarks watermarks) {
        this.signatures = signatures;
        this.watermarks = watermarks;
        // the pool itself: this connection lives outside any transaction, for as long as the download
        this.dataSource = resolver.resolve(dataSource);
        this.records = records;
    }

    /** The download response; the export is on record before its first byte. */
    public HttpResponse<Flux<byte[]>> download(Campaign campaign, ExportFilters filters, long accountId, String via) {
        if (!running.tryAcquire()) {
            throw PageException.error(HttpStatus.SERVICE_UNAVAILABLE, "error.busyExports");
        }
        Flux<byte[]> body;
        try {
            long recordId = records.started(accountId, campaign.id(), via, filters);
            body = rows(campaign.id(), filters, recordId);
        } catch (RuntimeException e) {
            running.release();
            throw e;
        }
        String filename = campaign.slug() + "-signatures-" + (filters.includePending() ? "all" : "confirmed") + ".csv";
        return HttpResponse.ok(body.timeout(STALLED).doFinally(signal -> running.release()))
                .contentType("text/csv;charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    private Flux<byte[]> rows(long campaignId, ExportFilters filters, long recordId) {
        AtomicLong written = new AtomicLong();
        return Flux.<byte[], Cursor>generate(() -> open(campaignId, filters, recordId, written),
                        (cursor, sink) -> {
                            byte[] chunk;
                            try {
                                chunk = cursor.nextChunk();
                            } catch (SQLException | java.io.IOException e) {
                                sink.error(e);
                                return cursor;
                            }
                            if (chunk == null) {
                                sink.complete();
                            } else {
                                sink.next(chunk);
                            }
                            return cursor;
                        },
                        Cursor::close)
                .doFinally(signal -> finish(recordId, written.get(), signal))
                // JDBC blocks: every request for more runs on one worker thread, never on the event loop
                .subscribeOn(Schedulers.boundedElastic());
    }

    private void finish(long recordId, long rows, SignalType signal) {
        ExportOutcome outcome = switch (signal) {
            case ON_COMPLETE -> ExportOutcome.COMPLETE;
            case CANCEL -> ExportOutcome.CANCELLED;
            default -> ExportOutcome.FAILED;
        };
        try {
            records.finished(recordId, rows, outcome);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the end of export {}: {}", recordId, e.toString());
        }
    }

    private Cursor open(long campaignId, ExportFilters filters, long recordId, AtomicLong written) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            SignatureStore.Selection selection = new SignatureStore.Selection(campaignId, filters.includePending(),
                    filters.fromInstant().orElse(null), filters.toInstantExclusive().orElse(null), filters.onlyUpdates());
            return new Cursor(connection, signatures.openExport(connection, selection), watermarks.of(recordId, filters),
                    written);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
