package org.cfcr.petitions.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The campaign table: read and saved through {@link CampaignRepository}, and changed here where a
 * change is more than saving the entity (state moves, the challenge switch, the erasure mark).
 * Nothing outside this package touches the table or the repository.
 */
@Singleton
public class CampaignStore {

    private final CampaignRepository repository;
    private final Sql sql;
    private final CampaignChanges changes;

    CampaignStore(CampaignRepository repository, Sql sql, CampaignChanges changes) {
        this.repository = repository;
        this.sql = sql;
        this.changes = changes;
    }

    /** Any campaign, whatever its state, read now (not from a cache). */
    public Optional<Campaign> find(long id) {
        return repository.findById(id);
    }

    /**
     * The campaign as committed, locked until the caller's transaction ends: a change that decides
     * from what the campaign is (a state move, an edit) then waits for one under way on another tab
     * or node, and sees what it left, instead of deciding from a read taken before it committed.
     */
    Optional<Campaign> findForChange(long id) {
        return repository.findByIdForUpdate(id);
    }

    public Optional<Campaign> findBySlug(String slug) {
        return repository.findBySlug(slug);
    }

    /** The slugs of these campaigns, by id, for pages that name them. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, String> slugs(java.util.Collection<Long> ids) {
        java.util.Map<Long, String> slugs = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return slugs;
        }
        Sql.In in = Sql.in(ids);
        sql.forEach("SELECT id, slug FROM campaign WHERE id IN (" + in.placeholders() + ")",
                row -> slugs.put(row.getLong("id"), row.getString("slug")), in.after());
        return slugs;
    }

    /** Every campaign, newest first. */
    public List<Campaign> all() {
        return repository.findAll().stream().sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
    }

    /** A move to CLOSED also records the first close, once: erasure counts from it (V21). */
    void moveTo(long id, CampaignState state, @Nullable Instant closedAt, Instant now) {
        sql.update("UPDATE campaign SET state = ?, closed_at = ?, first_closed_at = COALESCE(first_closed_at, ?), "
                + "updated_at = ? WHERE id = ?", state, closedAt, closedAt, now, id);
        changes.changed(id);
    }

    /** Open campaigns whose deadline has passed, locked; those another node holds are skipped. */
    List<Long> lockOpenPastDeadline(Instant now) {
        return sql.list("SELECT id FROM campaign WHERE state = ? AND deadline <= ? FOR UPDATE SKIP LOCKED",
                row -> row.getLong("id"), CampaignState.OPEN, now);
    }

    void closeAtDeadline(long id, Instant now) {
        sql.update("UPDATE campaign SET state = ?, closed_at = deadline, "
                + "first_closed_at = COALESCE(first_closed_at, deadline), updated_at = ? WHERE id = ?",
                CampaignState.CLOSED, now, id);
        changes.changed(id);
    }

    /**
     * Whether it takes signatures and confirmations, read now in the caller's transaction: three
     * columns instead of the whole row with its texts in three languages, once per batch of signatures
     * or confirmations.
     */
    public Optional<CampaignSchedule> schedule(long id) {
        return sql.one("SELECT state, deadline, closed_at FROM campaign WHERE id = ?",
                row -> new CampaignSchedule(CampaignState.valueOf(row.getString("state")), Sql.instant(row, "deadline"),
                        Sql.instant(row, "closed_at")), id);
    }

    /** The proof-of-work challenge: the lead's choice (AUTO, ON, OFF), and until when AUTO has it on. */
    public record Challenge(String mode, @Nullable Instant autoUntil) {
    }

    @Transactional(readOnly = true)
    public Optional<Challenge> challenge(long id) {
        return sql.one("SELECT challenge, challenge_until FROM campaign WHERE id = ?",
                row -> new Challenge(row.getString("challenge"), Sql.instant(row, "challenge_until")), id);
    }

    /** Switches an AUTO challenge on until the time, unless it is on longer already; false when nothing changed. */
    public boolean switchChallengeOn(long id, Instant until) {
        return sql.update("UPDATE campaign SET challenge_until = ? WHERE id = ? AND challenge = 'AUTO' "
                + "AND (challenge_until IS NULL OR challenge_until < ?)", until, id, until) > 0;
    }

    /** A lead's choice; it also ends an automatic period. */
    public void chooseChallenge(long id, String mode) {
        sql.update("UPDATE campaign SET challenge = ?, challenge_until = NULL WHERE id = ?", mode, id);
    }

    /**
     * Closed campaigns that first closed before the time (a reopening does not move it) and whose
     * signers' data has not been erased yet.
     */
    public List<Long> closedBeforeAndNotErased(Instant before) {
        return sql.list("SELECT id FROM campaign WHERE state = ? AND COALESCE(first_closed_at, closed_at) < ? "
                        + "AND anonymised_at IS NULL",
                row -> row.getLong("id"), CampaignState.CLOSED, before);
    }

    /** Records that the signers' data is erased, unless the campaign was reopened meanwhile. */
    public void markErased(long id, Instant now) {
        sql.update("UPDATE campaign SET anonymised_at = ? WHERE id = ? AND state = ?", now, id, CampaignState.CLOSED);
    }
}
