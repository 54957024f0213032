package org.cfcr.petitions.checks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.count.CountDeltas;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.kernel.net.ClientFingerprints;
import org.cfcr.petitions.kernel.net.IpRange;
import org.cfcr.petitions.signature.SignatureMatch;
import org.cfcr.petitions.signature.SignatureState;
import org.cfcr.petitions.signature.SignatureStore;
import org.cfcr.petitions.signature.screening.HoldRule;

import java.time.Clock;
import java.time.Instant;
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

    /** The audit actions whose details name what leads typed, erased with the signers' data. */
    public static final List<String> AUDITED_ACTIONS = List.of("signatures.invalidated", "signatures.invalidation.undone");

    static final int CHUNK = 1000;

    private final Sql sql;
    private final SignatureStore signatures;
    private final Accounts accounts;
    private final CountDeltas counts;
    private final AuditLog audit;
    private final ClientFingerprints fingerprints;
    private final Clock clock;

    public Invalidations(Sql sql, SignatureStore signatures, Accounts accounts, CountDeltas counts, AuditLog audit,
                         ClientFingerprints fingerprints, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.signatures = signatures;
        this.counts = counts;
        this.audit = audit;
        this.fingerprints = fingerprints;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Preview preview(long campaignId, InvalidationCriteria criteria) {
        Map<SignatureState, Long> byState = signatures.countMatching(match(campaignId, criteria));
        long counted = byState.getOrDefault(SignatureState.CONFIRMED, 0L);
        long pending = byState.getOrDefault(SignatureState.PENDING, 0L);
        long held = byState.getOrDefault(SignatureState.HELD, 0L);
        return new Preview(counted + pending + held, counted, pending, held);
    }

    /** Invalidates what matches now; returns the invalidation's id and how many it took. */
    @Transactional
    public Invalidation invalidate(long campaignId, InvalidationCriteria criteria, long accountId) {
        Instant now = Instant.now(clock);
        long id = sql.insert("INSERT INTO invalidation (campaign_id, criteria, matched, created_by, created_at) "
                + "VALUES (?, ?, 0, ?, ?)", campaignId, criteria.describe(), accountId, now);
        int matched = signatures.invalidateMatching(match(campaignId, criteria), id);
        // the rows just marked are locked by this transaction: none is confirmed or withdrawn meanwhile
        changeCount(campaignId, id, -1, now);
        sql.update("UPDATE invalidation SET matched = ? WHERE id = ?", matched, id);
        audit.record(accountId, campaignId, AUDITED_ACTIONS.get(0),
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
        signatures.lockInvalidatedBy(campaignId, invalidationId);
        changeCount(campaignId, invalidationId, +1, now);
        int restored = signatures.clearInvalidation(campaignId, invalidationId);
        sql.update("UPDATE invalidation SET undone_at = ?, undone_by = ? WHERE id = ?", now, accountId, invalidationId);
        audit.record(accountId, campaignId, AUDITED_ACTIONS.get(1),
                "#" + invalidationId + ": " + restored + " signatures back (" + criteria.get() + ")");
        return true;
    }

    /** Lets the signatures one rule held count (those confirmed count at once); returns how many. */
    @Transactional
    public int release(long campaignId, HoldRule rule, long accountId) {
        Instant now = Instant.now(clock);
        // lock first, then add up and release exactly the rows locked: a signature held a moment
        // later is not released without its count
        List<Long> ids = signatures.lockHeldBy(campaignId, rule);
        Map<String, Long> byCountry = new TreeMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            signatures.countriesOnceReleased(chunk).forEach((country, n) -> byCountry.merge(country, n, Long::sum));
            signatures.releaseHold(chunk);
        }
        byCountry.forEach((country, n) -> counts.record(campaignId, country, (int) (long) n, now));
        audit.record(accountId, campaignId, "signatures.released", ids.size() + " signatures held by " + rule.name());
        return ids.size();
    }

    @Transactional(readOnly = true)
    public List<SignatureStore.HeldGroup> held(long campaignId) {
        return signatures.heldGroups(campaignId);
    }

    /** What leads typed (it may name an email) goes with the signers' data. */
    public void eraseCriteria(long campaignId) {
        sql.update("UPDATE invalidation SET criteria = ? WHERE campaign_id = ?", AuditLog.ERASED, campaignId);
    }

    @Transactional(readOnly = true)
    public List<Invalidation> forCampaign(long campaignId) {
        record Row(long id, String criteria, int matched, Instant createdAt, @Nullable Long createdBy,
                   @Nullable Instant undoneAt, @Nullable Long undoneBy) {
        }
        List<Row> rows = sql.list("SELECT id, criteria, matched, created_at, created_by, undone_at, undone_by "
                        + "FROM invalidation WHERE campaign_id = ? ORDER BY id DESC",
                row -> new Row(row.getLong("id"), row.getString("criteria"), row.getInt("matched"),
                        Sql.instant(row, "created_at"), (Long) row.getObject("created_by", Long.class),
                        Sql.instant(row, "undone_at"), (Long) row.getObject("undone_by", Long.class)),
                campaignId);
        java.util.Set<Long> who = new java.util.HashSet<>();
        rows.forEach(row -> {
            if (row.createdBy() != null) {
                who.add(row.createdBy());
            }
            if (row.undoneBy() != null) {
                who.add(row.undoneBy());
            }
        });
        Map<Long, String> emails = accounts.emails(who);
        return rows.stream().map(row -> new Invalidation(row.id(), row.criteria(), row.matched(), row.createdAt(),
                row.createdBy() == null ? null : emails.get(row.createdBy()), row.undoneAt(),
                row.undoneBy() == null ? null : emails.get(row.undoneBy()))).toList();
    }

    /** Counted signatures under this invalidation, by country, leave (-1) or rejoin (+1) the count. */
    private void changeCount(long campaignId, long invalidationId, int sign, Instant now) {
        signatures.countriesOnceRestored(campaignId, invalidationId)
                .forEach((country, n) -> counts.record(campaignId, country, sign * (int) (long) n, now));
    }

    /** The criteria as the signature store matches them: a single client by its keyed hash. */
    private SignatureMatch match(long campaignId, InvalidationCriteria criteria) {
        IpRange range = criteria.range();
        byte[] network = null;
        byte[] clientHash = null;
        byte[] networksFrom = null;
        byte[] networksTo = null;
        if (range != null && criteria.isSingleHost()) {
            ClientAddress client = new ClientAddress(ClientAddress.of(range.network()));
            network = client.network();
            clientHash = fingerprints.hash(client);
        } else if (range != null) {
            networksFrom = range.network();
            networksTo = range.lastAddress();
        }
        return new SignatureMatch(campaignId, network, clientHash, criteria.host(), networksFrom, networksTo, criteria.domain(),
                criteria.emailPattern(), criteria.country(), criteria.from(), criteria.to());
    }
}
