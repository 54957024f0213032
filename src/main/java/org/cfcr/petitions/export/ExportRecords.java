package org.cfcr.petitions.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.campaign.CampaignStore;
import org.cfcr.petitions.kernel.db.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
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

    public record ExportRecord(long id, Instant startedAt, String accountEmail, long campaignId, String campaignSlug,
                               String via, String filters, @Nullable Long rows, @Nullable Instant finishedAt,
                               ExportOutcome outcome) {
        ExportRecord named(String email, String slug) {
            return new ExportRecord(id, startedAt, email, campaignId, slug, via, filters, rows, finishedAt, outcome);
        }
    }

    /** Written before the first row leaves, so that even an export cut short is on record. */
    @Transactional
    public long started(long accountId, long campaignId, String via, ExportFilters filters) {
        return sql.insert("INSERT INTO export_record (started_at, account_id, campaign_id, via, filters, outcome, "
                        + "include_pending, signed_from, signed_to, only_updates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Instant.now(clock), accountId, campaignId, via, filters.describe(), ExportOutcome.RUNNING,
                filters.includePending(), filters.from(), filters.to(), filters.onlyUpdates());
    }

    @Transactional
    public void finished(long recordId, long rows, ExportOutcome outcome) {
        sql.update("UPDATE export_record SET row_count = ?, finished_at = ?, outcome = ? WHERE id = ?",
                rows, Instant.now(clock), outcome, recordId);
    }

    private static final String COLUMNS = "id, started_at, account_id, campaign_id, via, filters, row_count, finished_at, "
            + "outcome, include_pending, signed_from, signed_to, only_updates";

    /** A record as read, before its account and campaign are named. */
    private record Row(ExportRecord record, long accountId, long campaignId, @Nullable ExportFilters filters) {
    }

    private static Row map(ResultSet row) throws SQLException {
        long count = row.getLong("row_count");
        Long rows = row.wasNull() ? null : count;
        boolean pending = row.getBoolean("include_pending");
        ExportFilters filters = null;
        if (!row.wasNull()) {
            java.sql.Date from = row.getDate("signed_from");
            java.sql.Date to = row.getDate("signed_to");
            filters = new ExportFilters(pending, from == null ? null : from.toLocalDate(),
                    to == null ? null : to.toLocalDate(), row.getBoolean("only_updates"));
        }
        return new Row(new ExportRecord(row.getLong("id"), Sql.instant(row, "started_at"), null,
                row.getLong("campaign_id"), null, row.getString("via"), row.getString("filters"), rows, Sql.instant(row, "finished_at"),
                ExportOutcome.valueOf(row.getString("outcome"))), row.getLong("account_id"), row.getLong("campaign_id"),
                filters);
    }

    private List<ExportRecord> named(List<Row> rows) {
        Map<Long, String> emails = accounts.emails(rows.stream().map(Row::accountId).distinct().toList());
        Map<Long, String> slugs = campaigns.slugs(rows.stream().map(Row::campaignId).distinct().toList());
        return rows.stream().map(row -> row.record().named(emails.get(row.accountId()), slugs.get(row.campaignId())))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<ExportRecord> newest(int limit) {
        return named(sql.list("SELECT " + COLUMNS + " FROM export_record ORDER BY id DESC LIMIT " + limit,
                ExportRecords::map));
    }

    /** These records (those that exist), newest first. */
    @Transactional(readOnly = true)
    public List<ExportRecord> find(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Sql.In in = Sql.in(ids);
        return named(sql.list("SELECT " + COLUMNS + " FROM export_record WHERE id IN (" + in.placeholders()
                + ") ORDER BY id DESC", ExportRecords::map, in.after()));
    }

    /**
     * What an export could have held: its campaign, when it started, and its filters (null for an
     * export made before they were kept as values).
     */
    public record Scope(long recordId, long campaignId, Instant startedAt, @Nullable ExportFilters filters) {
    }

    /** Every export of these campaigns, newest first. */
    @Transactional(readOnly = true)
    public List<Scope> scopes(Collection<Long> campaignIds) {
        if (campaignIds.isEmpty()) {
            return List.of();
        }
        Sql.In in = Sql.in(campaignIds);
        return sql.list("SELECT " + COLUMNS + " FROM export_record WHERE campaign_id IN (" + in.placeholders()
                        + ") ORDER BY id DESC", ExportRecords::map, in.after()).stream()
                .map(row -> new Scope(row.record().id(), row.campaignId(), row.record().startedAt(), row.filters()))
                .toList();
    }

    /** The campaigns that were ever exported. */
    @Transactional(readOnly = true)
    public List<Long> exportedCampaigns() {
        return sql.list("SELECT DISTINCT campaign_id FROM export_record", row -> row.getLong("campaign_id"));
    }
}
