package org.cfcr.petitions.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The record of every export: who, when, which campaign and filters, how many rows, how it ended. */
@Singleton
public class ExportRecords {

    private final Sql sql;
    private final Clock clock;

    ExportRecords(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public record ExportRecord(long id, Instant startedAt, String accountEmail, String campaignSlug, String via,
                               String filters, @Nullable Long rows, @Nullable Instant finishedAt, String outcome) {
    }

    /** Written before the first row leaves, so that even an export cut short is on record. */
    @Transactional
    public long started(long accountId, long campaignId, String via, ExportFilters filters) {
        return sql.insert("INSERT INTO export_record (started_at, account_id, campaign_id, via, filters, outcome) "
                + "VALUES (?, ?, ?, ?, ?, 'RUNNING')", Instant.now(clock), accountId, campaignId, via, filters.describe());
    }

    @Transactional
    public void finished(long recordId, long rows, String outcome) {
        sql.update("UPDATE export_record SET row_count = ?, finished_at = ?, outcome = ? WHERE id = ?",
                rows, Instant.now(clock), outcome, recordId);
    }

    @Transactional(readOnly = true)
    public List<ExportRecord> newest(int limit) {
        return sql.list("SELECT r.id, r.started_at, a.email, c.slug, r.via, r.filters, r.row_count, r.finished_at, r.outcome "
                        + "FROM export_record r JOIN account a ON a.id = r.account_id JOIN campaign c ON c.id = r.campaign_id "
                        + "ORDER BY r.id DESC LIMIT " + limit,
                row -> {
                    long rows = row.getLong("row_count");
                    return new ExportRecord(row.getLong("id"), Sql.instant(row, "started_at"), row.getString("email"),
                            row.getString("slug"), row.getString("via"), row.getString("filters"),
                            row.wasNull() ? null : rows, Sql.instant(row, "finished_at"), row.getString("outcome"));
                });
    }
}
