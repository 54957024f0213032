package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.screening.HoldRule;

import java.time.Instant;
import java.util.Optional;

/**
 * One person's signature of one campaign, as stored. What the signer did is its {@link #status}
 * (pending until confirmed by email, or withdrawn); whether it counts depends also on whether an
 * automatic check held it back ({@link #holdRule}) or a lead invalidated it. This file is the one
 * place where "this signature counts" is decided, in Java and, for queries, in SQL.
 */
public record Signature(
        long id,
        long campaignId,
        String email,
        String name,
        String country,
        @Nullable String city,
        PublicDisplay display,
        boolean wantsUpdates,
        Lang lang,
        SignatureStatus status,
        @Nullable HoldRule holdRule,
        @Nullable Long invalidationId,
        Instant createdAt,
        @Nullable Instant confirmedAt,
        Instant lastEmailedAt,
        int emailsSent) {

    private static final String CONFIRMED = "status = 'CONFIRMED'";
    private static final String NOT_HELD = "hold_rule IS NULL";
    private static final String NOT_INVALIDATED = "invalidation_id IS NULL";

    /** {@link #counts()} as a condition on the signature table. */
    static final String COUNTS_SQL = CONFIRMED + " AND " + NOT_HELD + " AND " + NOT_INVALIDATED;
    /** {@link #countsOnceReleased()} as a condition on the signature table. */
    static final String COUNTS_ONCE_RELEASED_SQL = CONFIRMED + " AND " + NOT_INVALIDATED;
    /** {@link #countsOnceRestored()} as a condition on the signature table. */
    static final String COUNTS_ONCE_RESTORED_SQL = CONFIRMED + " AND " + NOT_HELD;
    /** {@link #receivesUpdates()} as a condition on the signature table. */
    static final String RECEIVES_UPDATES_SQL = COUNTS_SQL + " AND email_updates = TRUE";

    /**
     * Counted and listed: confirmed by the owner of the address, neither held back by an automatic
     * check nor invalidated by a lead.
     */
    public boolean counts() {
        return status == SignatureStatus.CONFIRMED && holdRule == null && invalidationId == null;
    }

    /** Whether it would count if a lead released the hold of its rule. */
    public boolean countsOnceReleased() {
        return status == SignatureStatus.CONFIRMED && invalidationId == null;
    }

    /** Whether it would count if a lead undid its invalidation. */
    public boolean countsOnceRestored() {
        return status == SignatureStatus.CONFIRMED && holdRule == null;
    }

    /** Updates go to counted signers who asked for them. */
    public boolean receivesUpdates() {
        return counts() && wantsUpdates;
    }

    /** Held back by a rule or a lead, whatever its status: confirming it does not count it. */
    public boolean isHeld() {
        return holdRule != null || invalidationId != null;
    }

    public SignatureState state() {
        return SignatureState.of(status, holdRule, invalidationId);
    }

    /** Why a confirmed signature does not count, for the campaign's team: the rule, or the invalidation. */
    public Optional<String> heldBecause() {
        if (invalidationId != null) {
            return Optional.of("invalidated #" + invalidationId);
        }
        return Optional.ofNullable(holdRule).map(rule -> rule.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * What the signature publishes: while it is pending, exactly what its first submission said;
     * once confirmed, what the confirmed link published.
     */
    public Submission submission() {
        return new Submission(email, name, country, city, display, wantsUpdates, lang, holdRule);
    }

    /** The name as the public may see it, or null when the signer chose not to be shown. */
    @Nullable
    public String publicName() {
        return display.publicName(name);
    }
}
