package org.cfcr.petitions.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Who did what, when. Written in the transaction of the change it describes, so the record and
 * the change exist together or not at all. Details never hold signers' personal data.
 */
@Singleton
public class AuditLog {

    static final int MAX_DETAIL = 4000;

    private final Sql sql;
    private final Clock clock;

    public AuditLog(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** accountEmail and campaignSlug are filled in by the page that shows the event ({@link #named}). */
    public record Event(long id, Instant at, @Nullable Long accountId, @Nullable String accountEmail,
                        @Nullable Long campaignId, @Nullable String campaignSlug, String action, String detail) {
        public Event named(@Nullable String email, @Nullable String slug) {
            return new Event(id, at, accountId, email, campaignId, slug, action, detail);
        }
    }

    /** The events with the emails and slugs of their accounts and campaigns, looked up by id. */
    public static List<Event> named(List<Event> events, java.util.Map<Long, String> emails, java.util.Map<Long, String> slugs) {
        return events.stream().map(event -> event.named(event.accountId() == null ? null : emails.get(event.accountId()),
                event.campaignId() == null ? null : slugs.get(event.campaignId()))).toList();
    }

    public void record(@Nullable Long accountId, @Nullable Long campaignId, String action, String detail) {
        String clipped = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 1) + "…" : detail;
        sql.update("INSERT INTO audit_event (at, account_id, campaign_id, action, detail) VALUES (?, ?, ?, ?, ?)",
                Instant.now(clock), accountId, campaignId, action, clipped);
    }

    /**
     * What leads typed to pick signatures (it may name an email) goes with the signers' data; the
     * record that something was done stays.
     */
    public void eraseDetails(long campaignId, List<String> actions) {
        for (String action : actions) {
            sql.update("UPDATE audit_event SET detail = ? WHERE campaign_id = ? AND action = ?", ERASED, campaignId, action);
        }
    }

    /** The detail of an event whose detail went with the signers' data. */
    public static final String ERASED = "(erased with the signers' data)";

    private static final String SELECT = "SELECT e.id, e.at, e.account_id, e.campaign_id, e.action, e.detail "
            + "FROM audit_event e ";

    /** The newest events about one campaign. */
    @Transactional(readOnly = true)
    public List<Event> forCampaign(long campaignId, int limit) {
        return sql.list(SELECT + "WHERE e.campaign_id = ? ORDER BY e.id DESC LIMIT " + limit, AuditLog::map, campaignId);
    }

    /** The newest events of all kinds, for admins. */
    @Transactional(readOnly = true)
    public List<Event> newest(int limit) {
        return sql.list(SELECT + "ORDER BY e.id DESC LIMIT " + limit, AuditLog::map);
    }

    private static Event map(java.sql.ResultSet row) throws java.sql.SQLException {
        long accountId = row.getLong("account_id");
        Long account = row.wasNull() ? null : accountId;
        long campaignId = row.getLong("campaign_id");
        Long campaign = row.wasNull() ? null : campaignId;
        return new Event(row.getLong("id"), Sql.instant(row, "at"), account, null, campaign, null,
                row.getString("action"), row.getString("detail"));
    }
}
