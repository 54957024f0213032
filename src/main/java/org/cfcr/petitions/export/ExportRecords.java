package org.cfcr.petitions.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.campaign.CampaignStore;
import org.cfcr.petitions.kernel.db.Sql;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The record of every export: who, when, which campaign and filters, how many rows, how it ended. */
@Singleton
public class ExportRecords {

    private final Sql sql;
    private final Accounts accounts;
    private final CampaignStore campaigns;
    private final Clock clock;

    ExportRecords(Sql sql, Accounts accounts, CampaignStore campaigns, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    public record ExportRecord(long id, Instant startedAt, String accountEmail, String campaignSlug, String via,
                               String filters, @Nullable Long rows, @Nullable Instant finishedAt, ExportOutcome outcome) {
        ExportRecord named(String email, String slug) {
            return new ExportRecord(id, startedAt, email, slug, via, filters, rows, finishedAt, outcome);
        }
    }

    /** Written before the first row leaves, so that even an export cut short is on record. */
    @Transactional
    public long started(long accountId, long campaignId, String via, ExportFilters filters) {
        return sql.insert("INSERT INTO export_record (started_at, account_id, campaign_id, via, filters, outcome) "
                + "VALUES (?, ?, ?, ?, ?, ?)", Instant.now(clock), accountId, campaignId, via, filters.describe(),
                ExportOutcome.RUNNING);
    }

    @Transactional
    public void finished(long recordId, long rows, ExportOutcome outcome) {
        sql.update("UPDATE export_record SET row_count = ?, finished_at = ?, outcome = ? WHERE id = ?",
                rows, Instant.now(clock), outcome, recordId);
    }

    @Transactional(readOnly = true)
    public List<ExportRecord> newest(int limit) {
        record Row(ExportRecord record, long accountId, long campaignId) {
        }
        List<Row> rows = sql.list("SELECT id, started_at, account_id, campaign_id, via, filters, row_count, finished_at, "
                        + "outcome FROM export_record ORDER BY id DESC LIMIT " + limit,
                row -> {
                    long count = row.getLong("row_count");
                    return new Row(new ExportRecord(row.getLong("id"), Sql.instant(row, "started_at"), null, null,
                            row.getString("via"), row.getString("filters"), row.wasNull() ? null : count,
                            Sql.instant(row, "finished_at"), ExportOutcome.valueOf(row.getString("outcome"))),
                            row.getLong("account_id"), row.getLong("campaign_id"));
                });
        Map<Long, String> emails = accounts.emails(rows.stream().map(Row::accountId).distinct().toList());
        Map<Long, String> slugs = campaigns.slugs(rows.stream().map(Row::campaignId).distinct().toList());
        return rows.stream().map(row -> row.record().named(emails.get(row.accountId()), slugs.get(row.campaignId())))
                .toList();
    }
}
