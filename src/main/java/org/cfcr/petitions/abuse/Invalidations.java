package org.cfcr.petitions.abuse;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.count.CountDeltas;
import org.cfcr.petitions.db.Sql;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A lead's tools against a fake wave: see how many signatures match before anything changes,
 * invalidate them (they leave the count and the public list at once, through negative count
 * deltas), and undo it. Releasing signatures held by an automatic rule is the same move the
 * other way. Each is one transaction with its audit record, so the count, the signatures and
 * the record never disagree.
 */
@Singleton
public class Invalidations {

    /** How many signatures match, and how many of them count now. */
    public record Preview(long matched, long counted, long pending, long held) {
    }

    public record Invalidation(long id, String criteria, int matched, Instant createdAt, @Nullable String createdBy,
                               @Nullable Instant undoneAt, @Nullable String undoneBy) {
        public boolean isUndone() {
            return undoneAt != null;
        }
    }

    /** Signatures held by one rule. */
    public record HeldGroup(String rule, long signatures, long confirmed) {
    }

    static final int CHUNK = 1000;

    private final Sql sql;
    private final CountDeltas counts;
    private final AuditLog audit;
    private final ClientFingerprints fingerprints;
    private final Clock clock;

    public Invalidations(Sql sql, CountDeltas counts, AuditLog audit, ClientFingerprints fingerprints, Clock clock) {
        this.sql = sql;
        this.counts = counts;
        this.audit = audit;
        this.fingerprints = fingerprints;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Preview preview(long campaignId, InvalidationCriteria criteria) {
        Where where = where(campaignId, criteria);
        return sql.one("SELECT COUNT(*) AS matched, "
                        + "SUM(CASE WHEN status = 'CONFIRMED' AND hold_rule IS NULL THEN 1 ELSE 0 END) AS counted, "
                        + "SUM(CASE WHEN status = 'PENDING' AND hold_rule IS NULL THEN 1 ELSE 0 END) AS pending, "
                        + "SUM(CASE WHEN hold_rule IS NOT NULL THEN 1 ELSE 0 END) AS held "
                        + "FROM signature WHERE " + where.sql(),
                row -> new Preview(row.getLong("matched"), row.getLong("counted"), row.getLong("pending"),
                        row.getLong("held")),
                where.args()).orElse(new Preview(0, 0, 0, 0));
    }

    /** Invalidates what matches now; returns the invalidation's id and how many it took. */
    @Transactional
    public Invalidation invalidate(long campaignId, InvalidationCriteria criteria, long accountId) {
        Instant now = Instant.now(clock);
        long id = sql.insert("INSERT INTO invalidation (campaign_id, criteria, matched, created_by, created_at) "
                + "VALUES (?, ?, 0, ?, ?)", campaignId, criteria.describe(), accountId, now);
        Where where = where(campaignId, criteria);
        List<Object> args = new ArrayList<>(List.of(id));
        args.addAll(List.of(where.args()));
        int matched = sql.update("UPDATE signature SET invalidation_id = ? WHERE " + where.sql(), args.toArray());
        // the rows just marked are locked by this transaction: none is confirmed or withdrawn meanwhile
        changeCount(campaignId, id, -1, now);
        sql.update("UPDATE invalidation SET matched = ? WHERE id = ?", matched, id);
        audit.record(accountId, campaignId, "signatures.invalidated",
                "#" + id + ": " + matched + " signatures (" + criteria.describe() + ")");
        return new Invalidation(id, criteria.describe(), matched, now, null, null, null);
    }

    /** Undoes an invalidation of this campaign; false when there is none to undo. */
    @Transactional
    public boolean undo(long campaignId, long invalidationId, long accountId) {
        Optional<String> criteria = sql.one("SELECT criteria FROM invalidation WHERE id = ? AND campaign_id = ? "
                        + "AND undone_at IS NULL FOR UPDATE",
                row -> row.getString("criteria"), invalidationId, campaignId);
        if (criteria.isEmpty()) {
            return false;
        }
        Instant now = Instant.now(clock);
        sql.list("SELECT id FROM signature WHERE campaign_id = ? AND invalidation_id = ? FOR UPDATE",
                row -> row.getLong("id"), campaignId, invalidationId);
        changeCount(campaignId, invalidationId, +1, now);
        int restored = sql.update("UPDATE signature SET invalidation_id = NULL WHERE campaign_id = ? AND invalidation_id = ?",
                campaignId, invalidationId);
        sql.update("UPDATE invalidation SET undone_at = ?, undone_by = ? WHERE id = ?", now, accountId, invalidationId);
        audit.record(accountId, campaignId, "signatures.invalidation.undone",
                "#" + invalidationId + ": " + restored + " signatures back (" + criteria.get() + ")");
        return true;
    }

    /** Lets the signatures one rule held count (those confirmed count at once); returns how many. */
    @Transactional
    public int release(long campaignId, HoldRule rule, long accountId) {
        Instant now = Instant.now(clock);
        // lock first, then add up and release exactly the rows locked: a signature held a moment
        // later is not released without its count
        List<Long> ids = sql.list("SELECT id FROM signature WHERE campaign_id = ? AND hold_rule = ? FOR UPDATE",
                row -> row.getLong("id"), campaignId, rule);
        Map<String, Long> byCountry = new TreeMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            Sql.In chunk = Sql.in(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
            sql.forEach("SELECT country, COUNT(*) AS n FROM signature WHERE status = 'CONFIRMED' "
                            + "AND invalidation_id IS NULL AND id IN (" + chunk.placeholders() + ") GROUP BY country",
                    row -> byCountry.merge(row.getString("country"), row.getLong("n"), Long::sum), chunk.after());
            sql.update("UPDATE signature SET hold_rule = NULL WHERE id IN (" + chunk.placeholders() + ")", chunk.after());
        }
        byCountry.forEach((country, n) -> counts.record(campaignId, country, (int) (long) n, now));
        audit.record(accountId, campaignId, "signatures.released", ids.size() + " signatures held by " + rule.name());
        return ids.size();
    }

    @Transactional(readOnly = true)
    public List<HeldGroup> held(long campaignId) {
        return sql.list("SELECT hold_rule, COUNT(*) AS n, SUM(CASE WHEN status = 'CONFIRMED' THEN 1 ELSE 0 END) AS c "
                        + "FROM signature WHERE campaign_id = ? AND hold_rule IS NOT NULL AND status <> 'WITHDRAWN' "
                        + "GROUP BY hold_rule ORDER BY hold_rule",
                row -> new HeldGroup(row.getString("hold_rule"), row.getLong("n"), row.getLong("c")), campaignId);
    }

    @Transactional(readOnly = true)
    public List<Invalidation> forCampaign(long campaignId) {
        return sql.list("SELECT i.id, i.criteria, i.matched, i.created_at, i.undone_at, c.email AS created_by, "
                        + "u.email AS undone_by FROM invalidation i LEFT JOIN account c ON c.id = i.created_by "
                        + "LEFT JOIN account u ON u.id = i.undone_by WHERE i.campaign_id = ? ORDER BY i.id DESC",
                row -> new Invalidation(row.getLong("id"), row.getString("criteria"), row.getInt("matched"),
                        Sql.instant(row, "created_at"), row.getString("created_by"), Sql.instant(row, "undone_at"),
                        row.getString("undone_by")),
                campaignId);
    }

    /** Counted signatures under this invalidation, by country, leave (-1) or rejoin (+1) the count. */
    private void changeCount(long campaignId, long invalidationId, int sign, Instant now) {
        Map<String, Long> byCountry = new LinkedHashMap<>();
        sql.forEach("SELECT country, COUNT(*) AS n FROM signature WHERE campaign_id = ? AND invalidation_id = ? "
                        + "AND status = 'CONFIRMED' AND hold_rule IS NULL GROUP BY country ORDER BY country",
                row -> byCountry.put(row.getString("country"), row.getLong("n")), campaignId, invalidationId);
        byCountry.forEach((country, n) -> counts.record(campaignId, country, sign * (int) (long) n, now));
    }

    private record Where(String sql, Object[] args) {
    }

    private Where where(long campaignId, InvalidationCriteria criteria) {
        StringBuilder where = new StringBuilder("campaign_id = ? AND status IN ('PENDING', 'CONFIRMED') "
                + "AND invalidation_id IS NULL");
        List<Object> args = new ArrayList<>(List.of(campaignId));
        IpRange range = criteria.range();
        if (range != null && criteria.isSingleHost()) {
            ClientAddress client = new ClientAddress(ClientAddress.of(range.network()));
            where.append(" AND client_prefix = ? AND client_hash = ?");
            args.add(client.network());
            args.add(fingerprints.hash(client));
        } else if (range != null) {
            where.append(" AND client_prefix >= ? AND client_prefix <= ? AND OCTET_LENGTH(client_prefix) = ?");
            args.add(range.network());
            args.add(range.lastAddress());
            args.add(range.network().length);
        }
        if (criteria.host() != null) {
            where.append(" AND client_hash = ?");
            args.add(criteria.host());
        }
        if (criteria.domain() != null) {
            where.append(" AND LOWER(email) LIKE ? ESCAPE '!'");
            args.add("%@" + likeLiteral(criteria.domain()));
        }
        if (criteria.emailPattern() != null) {
            where.append(" AND LOWER(email) LIKE ? ESCAPE '!'");
            args.add(likeLiteral(criteria.emailPattern()).replace("*", "%"));
        }
        if (criteria.country() != null) {
            where.append(" AND country = ?");
            args.add(criteria.country());
        }
        if (criteria.from() != null) {
            where.append(" AND created_at >= ?");
            args.add(criteria.from());
        }
        if (criteria.to() != null) {
            where.append(" AND created_at < ?");
            args.add(criteria.to());
        }
        return new Where(where.toString(), args.toArray());
    }

    private static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
