package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.secret.PersonalDataCipher;
import org.cfcr.petitions.signature.screening.HoldRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only code that names the signature table, its repeat submissions (resubmission) and the
 * tables of its links (confirmation_token, withdrawal_token). Every method runs in the caller's
 * transaction and is named for what the caller means; the SQL for "counts" comes from
 * {@link Signature}.
 *
 * <p>Names, email addresses and cities are sealed here on the way in and opened on the way out
 * ({@link PersonalDataCipher}): nothing above this class sees a sealed value, nothing below it a
 * clear one. One person is found by the keyed hash of their mailbox (email_key), an email domain
 * by the keyed hash of the domain (email_domain).
 */
@Singleton
public class SignatureStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(SignatureStore.class);

    private static final String COLUMNS = "id, campaign_id, email, name, country, city, public_display, email_updates, "
            + "lang, status, hold_rule, invalidation_id, created_at, confirmed_at, last_emailed_at, emails_sent, key_id";

    private static final String INSERT = "INSERT INTO signature (campaign_id, email_key, email, name, country, city, "
            + "public_display, email_updates, lang, status, created_at, last_emailed_at, emails_sent, "
            + "client_hash, client_prefix, hold_rule, key_id, email_domain) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** What each sealed value is bound to: a value moved to another column does not open. */
    static final String EMAIL = "signature.email";
    static final String NAME = "signature.name";
    static final String CITY = "signature.city";
    static final String REPEAT_EMAIL = "resubmission.email";
    static final String REPEAT_NAME = "resubmission.name";
    static final String REPEAT_CITY = "resubmission.city";

    /** Still holds something that names a person: an email address, or what was kept of theirs. */
    private static final String HOLDS_PERSONAL_DATA = "(email <> '' OR client_hash IS NOT NULL)";

    private final Sql sql;
    private final PersonalDataCipher cipher;

    public SignatureStore(Sql sql, PersonalDataCipher cipher) {
        this.sql = sql;
        this.cipher = cipher;
    }

    /** The unique key of one person within a campaign: the keyed hash of the mailbox behind the address. */
    public byte[] mailboxKey(EmailAddress email) {
        return cipher.index("mailbox:" + email.mailbox());
    }

    private byte[] domainIndex(String domain) {
        return cipher.index("domain:" + domain.toLowerCase(java.util.Locale.ROOT));
    }

    private static @Nullable Integer keyId(ResultSet row) throws SQLException {
        int keyId = row.getInt("key_id");
        return row.wasNull() ? null : keyId;
    }

    /**
     * A signature about to be stored, pending, with its one email counted as sent; or, when it is
     * not mailed (held beyond its sources' email budget), with none: {@code emails_sent = 0} marks
     * a signature stored unmailed, whose signer may get a link at once by signing again.
     */
    public record NewSignature(long campaignId, byte[] emailKey, SignatureRequest request, SignatureOrigin origin,
                               Instant now, boolean mailed) {
        /** Mailed, as every signature no rule holds. */
        public NewSignature(long campaignId, byte[] emailKey, SignatureRequest request, SignatureOrigin origin,
                            Instant now) {
            this(campaignId, emailKey, request, origin, now, true);
        }
    }

    Signature map(ResultSet row) throws SQLException {
        String hold = row.getString("hold_rule");
        long invalidation = row.getLong("invalidation_id");
        Long invalidationId = row.wasNull() ? null : invalidation;
        Integer keyId = keyId(row);
        return new Signature(row.getLong("id"), row.getLong("campaign_id"), cipher.open(row.getString("email"), EMAIL, keyId),
                cipher.open(row.getString("name"), NAME, keyId), row.getString("country"),
                cipher.openNullable(row.getString("city"), CITY, keyId), PublicDisplay.valueOf(row.getString("public_display")),
                row.getBoolean("email_updates"), Lang.fromCode(row.getString("lang")).orElse(Lang.EN),
                SignatureStatus.valueOf(row.getString("status")), hold == null ? null : HoldRule.valueOf(hold),
                invalidationId, Sql.instant(row, "created_at"), Sql.instant(row, "confirmed_at"),
                Sql.instant(row, "last_emailed_at"), row.getInt("emails_sent"));
    }

    // ---- signing

    /** The new signature's id; {@link Sql.DuplicateKeyException} when the mailbox signed this campaign before. */
    public long insert(NewSignature signature) {
        return sql.insert(INSERT, values(signature));
    }

    /** All or none, as one batch; {@link Sql.DuplicateKeyException} when one of the mailboxes signed before. */
    public void insertAll(List<NewSignature> signatures) {
        sql.batch(INSERT, signatures.stream().map(this::values).toList());
    }

    private Object[] values(NewSignature signature) {
        SignatureRequest request = signature.request();
        SignatureOrigin origin = signature.origin();
        return new Object[]{signature.campaignId(), signature.emailKey(), cipher.seal(request.email().value(), EMAIL),
                cipher.seal(request.name(), NAME), request.country(), cipher.sealNullable(request.city(), CITY),
                request.publicDisplay(), request.emailUpdates(), request.lang().code(), SignatureStatus.PENDING,
                signature.now(), signature.now(), signature.mailed() ? 1 : 0, origin.clientHash(),
                origin.clientNetwork(), origin.hold(), cipher.keyId(), domainIndex(request.email().domain())};
    }

    /** The ids of the signatures these mailboxes (email keys) made on the campaign. */
    public Map<ByteBuffer, Long> idsByEmailKey(long campaignId, Collection<byte[]> emailKeys) {
        Map<ByteBuffer, Long> ids = new HashMap<>();
        if (emailKeys.isEmpty()) {
            return ids;
        }
        Sql.In keys = Sql.in(emailKeys);
        sql.forEach("SELECT id, email_key FROM signature WHERE campaign_id = ? AND email_key IN (" + keys.placeholders() + ")",
                row -> ids.put(ByteBuffer.wrap(row.getBytes("email_key")), row.getLong("id")), keys.after(campaignId));
        return ids;
    }

    /** The signature this mailbox made on the campaign, locked until the transaction ends. */
    public Optional<Signature> lockByEmailKey(long campaignId, byte[] emailKey) {
        return sql.one("SELECT " + COLUMNS + " FROM signature WHERE campaign_id = ? AND email_key = ? FOR UPDATE",
                this::map, campaignId, emailKey);
    }

    /**
     * A pending signature's mailbox submitted again: kept apart, as it was said. The signature itself
     * does not change: only this submission's own link can publish it.
     */
    public long insertResubmission(long signatureId, Submission said, Instant now) {
        return sql.insert("INSERT INTO resubmission (signature_id, email, name, country, city, public_display, "
                        + "email_updates, lang, hold_rule, created_at, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                signatureId, cipher.seal(said.email(), REPEAT_EMAIL), cipher.seal(said.name(), REPEAT_NAME), said.country(),
                cipher.sealNullable(said.city(), REPEAT_CITY), said.display(), said.wantsUpdates(), said.lang().code(),
                said.holdRule(), now, cipher.keyId());
    }

    /** These resubmissions as they were said (missing ids are gone: their signature was confirmed or erased). */
    public Map<Long, Resubmission> resubmissions(Collection<Long> ids) {
        Map<Long, Resubmission> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Sql.In in = Sql.in(ids);
        sql.forEach(RESUBMISSIONS + "WHERE id IN (" + in.placeholders() + ")",
                row -> found.put(row.getLong("id"), mapResubmission(row)), in.after());
        return found;
    }

    private static final String RESUBMISSIONS = "SELECT id, signature_id, email, name, country, city, public_display, "
            + "email_updates, lang, hold_rule, created_at, key_id FROM resubmission ";

    private Resubmission mapResubmission(ResultSet row) throws SQLException {
        String hold = row.getString("hold_rule");
        Integer keyId = keyId(row);
        Submission said = new Submission(cipher.open(row.getString("email"), REPEAT_EMAIL, keyId),
                cipher.open(row.getString("name"), REPEAT_NAME, keyId), row.getString("country"),
                cipher.openNullable(row.getString("city"), REPEAT_CITY, keyId),
                PublicDisplay.valueOf(row.getString("public_display")), row.getBoolean("email_updates"),
                Lang.fromCode(row.getString("lang")).orElse(Lang.EN), hold == null ? null : HoldRule.valueOf(hold));
        return new Resubmission(row.getLong("id"), row.getLong("signature_id"), said, Sql.instant(row, "created_at"));
    }

    /** Another email went to the signer; emailsInWindow counts those of the current window. */
    public void recordEmailSent(long id, Instant now, int emailsInWindow) {
        sql.update("UPDATE signature SET last_emailed_at = ?, emails_sent = ? WHERE id = ?", now, emailsInWindow, id);
    }

    // ---- links

    /** Rows of (token hash, signature id, resubmission id or null, created, expires). */
    public void insertConfirmationTokens(List<Object[]> rows) {
        sql.batch("INSERT INTO confirmation_token (token_hash, signature_id, resubmission_id, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** Rows of (token hash, signature id, created). */
    public void insertWithdrawalTokens(List<Object[]> rows) {
        sql.batch("INSERT INTO withdrawal_token (token_hash, signature_id, created_at) VALUES (?, ?, ?)", rows);
    }

    /**
     * A confirmation link: which signature it confirms, with which submission (its first when
     * resubmissionId is null), and until when.
     */
    public record ConfirmationLink(ByteBuffer tokenHash, long signatureId, @Nullable Long resubmissionId,
                                   Instant expiresAt) {
    }

    public List<ConfirmationLink> confirmationLinks(Collection<byte[]> tokenHashes) {
        Sql.In hashes = Sql.in(tokenHashes);
        return sql.list("SELECT token_hash, signature_id, resubmission_id, expires_at FROM confirmation_token "
                        + "WHERE token_hash IN (" + hashes.placeholders() + ")",
                row -> {
                    long resubmission = row.getLong("resubmission_id");
                    Long resubmissionId = row.wasNull() ? null : resubmission;
                    return new ConfirmationLink(ByteBuffer.wrap(row.getBytes("token_hash")), row.getLong("signature_id"),
                            resubmissionId, Sql.instant(row, "expires_at"));
                },
                hashes.after());
    }

    /** A confirmation link with its signature, read together: what its page shows. */
    public record LinkedSignature(ConfirmationLink link, Signature signature) {
    }

    /** The links of these token hashes, each with its signature, in one statement (their pages' only read). */
    public List<LinkedSignature> linkedSignatures(Collection<byte[]> tokenHashes) {
        if (tokenHashes.isEmpty()) {
            return List.of();
        }
        Sql.In hashes = Sql.in(tokenHashes);
        return sql.list("SELECT t.token_hash, t.resubmission_id, t.expires_at, " + prefixed("s", COLUMNS)
                        + " FROM confirmation_token t JOIN signature s ON s.id = t.signature_id"
                        + " WHERE t.token_hash IN (" + hashes.placeholders() + ")",
                row -> {
                    Signature signature = map(row);
                    long resubmission = row.getLong("resubmission_id");
                    Long resubmissionId = row.wasNull() ? null : resubmission;
                    return new LinkedSignature(new ConfirmationLink(ByteBuffer.wrap(row.getBytes("token_hash")),
                            signature.id(), resubmissionId, Sql.instant(row, "expires_at")), signature);
                }, hashes.after());
    }

    /** "a, b" as "s.a, s.b": the columns of a table that a join names by its alias. */
    private static String prefixed(String alias, String columns) {
        return alias + "." + columns.replace(", ", ", " + alias + ".");
    }

    /**
     * The campaign of each signature that these "remove my signature" links name, by token hash,
     * unless already withdrawn: all their pages show, so no signer's sealed details are opened.
     */
    public Map<ByteBuffer, Long> campaignsByWithdrawalToken(Collection<byte[]> tokenHashes) {
        Map<ByteBuffer, Long> found = new HashMap<>();
        if (tokenHashes.isEmpty()) {
            return found;
        }
        Sql.In hashes = Sql.in(tokenHashes);
        sql.forEach("SELECT w.token_hash, s.campaign_id FROM withdrawal_token w JOIN signature s ON s.id = w.signature_id "
                        + "WHERE s.status <> ? AND w.token_hash IN (" + hashes.placeholders() + ")",
                row -> found.put(ByteBuffer.wrap(row.getBytes("token_hash")), row.getLong("campaign_id")),
                hashes.after(SignatureStatus.WITHDRAWN));
        return found;
    }

    /** The signature a "remove my signature" link names, unless already withdrawn, locked until the transaction ends. */
    public Optional<Signature> lockByWithdrawalToken(byte[] tokenHash) {
        return sql.one("SELECT " + prefixed("s", COLUMNS) + " FROM withdrawal_token w "
                                + "JOIN signature s ON s.id = w.signature_id WHERE w.token_hash = ? FOR UPDATE",
                        this::map, tokenHash)
                .filter(signature -> signature.status() != SignatureStatus.WITHDRAWN);
    }

    // ---- confirming

    /**
     * The signatures, locked in id order: a join would lock them in the order it reads the tokens,
     * and two nodes' batches could then deadlock.
     */
    public Map<Long, Signature> lockAll(Collection<Long> ids) {
        Map<Long, Signature> signatures = new HashMap<>();
        Sql.In in = Sql.in(ids);
        sql.forEach("SELECT " + COLUMNS + " FROM signature WHERE id IN (" + in.placeholders() + ") ORDER BY id FOR UPDATE",
                row -> signatures.put(row.getLong("id"), map(row)), in.after());
        return signatures;
    }

    /** Confirms pending signatures as they stand: each publishes its first submission. */
    public void markConfirmed(Collection<Long> ids, Instant now) {
        Sql.In in = Sql.in(ids);
        sql.update("UPDATE signature SET status = ?, confirmed_at = ? WHERE status = ? AND id IN (" + in.placeholders()
                + ")", in.after(SignatureStatus.CONFIRMED, now, SignatureStatus.PENDING));
    }

    /** Confirms a pending signature publishing another submission (a repeat, or one the owner corrected). */
    public void confirmPublishing(long id, Submission published, Instant now) {
        sql.update("UPDATE signature SET status = ?, confirmed_at = ?, email = ?, name = ?, country = ?, city = ?, "
                        + "public_display = ?, email_updates = ?, lang = ?, hold_rule = ?, key_id = ?, email_domain = ? "
                        + "WHERE id = ? AND status = ?",
                SignatureStatus.CONFIRMED, now, cipher.seal(published.email(), EMAIL), cipher.seal(published.name(), NAME),
                published.country(), cipher.sealNullable(published.city(), CITY), published.display(),
                published.wantsUpdates(), published.lang().code(), published.holdRule(), cipher.keyId(),
                domainIndex(new EmailAddress(published.email()).domain()), id, SignatureStatus.PENDING);
    }

    /**
     * The repeat submissions of these signatures go: once one submission is confirmed (or the
     * signer erased) no other can ever be published, and what they said names a person.
     */
    public void deleteResubmissions(Collection<Long> signatureIds) {
        Sql.In in = Sql.in(signatureIds);
        sql.update("DELETE FROM resubmission WHERE signature_id IN (" + in.placeholders() + ")", in.after());
    }

    // ---- reading

    /** These signatures as they stand (missing ids are gone). */
    public Map<Long, Signature> findAll(Collection<Long> ids) {
        Map<Long, Signature> signatures = new HashMap<>();
        if (ids.isEmpty()) {
            return signatures;
        }
        Sql.In in = Sql.in(ids);
        sql.forEach("SELECT " + COLUMNS + " FROM signature WHERE id IN (" + in.placeholders() + ")",
                row -> signatures.put(row.getLong("id"), map(row)), in.after());
        return signatures;
    }

    /**
     * @param name     as the signer chose: full, initials, or null when hidden
     * @param city     shown only with a name; a hidden signer shows just the country
     * @param signedOn the day (UTC) the signer confirmed, never the time: a record of who visited
     *                 the site when must not single out a line of the list; none for a hidden signer
     */
    public record PublicSigner(@Nullable String name, String country, @Nullable String city,
                               @Nullable LocalDate signedOn) {

        /** The day as lists and downloads print it (yyyy-mm-dd), or null. */
        public @Nullable String day() {
            return signedOn == null ? null : signedOn.toString();
        }
    }

    /** Where a walk through the whole list stands: the last signer returned. */
    public record ListCursor(Instant confirmedAt, long id) {
        public static final ListCursor START = new ListCursor(Instant.EPOCH, 0);
    }

    public record ListBatch(List<PublicSigner> signers, ListCursor next) {
    }

    /** Public fields only: the email address never leaves these queries, and a hidden signer's name is never opened. */
    private PublicSigner toPublic(ResultSet row) throws SQLException {
        PublicDisplay display = PublicDisplay.valueOf(row.getString("public_display"));
        if (display == PublicDisplay.HIDDEN) {
            return new PublicSigner(null, row.getString("country"), null, null);
        }
        Integer keyId = keyId(row);
        String name = display.publicName(cipher.open(row.getString("name"), NAME, keyId));
        return new PublicSigner(name, row.getString("country"), cipher.openNullable(row.getString("city"), CITY, keyId),
                LocalDate.ofInstant(Sql.instant(row, "confirmed_at"), ZoneOffset.UTC));
    }

    /** A page of the public list, newest first. */
    public List<PublicSigner> listedPage(long campaignId, int page, int size) {
        return sql.list("SELECT name, public_display, country, city, confirmed_at, key_id FROM signature "
                        + "WHERE campaign_id = ? AND " + Signature.COUNTS_SQL + " "
                        + "ORDER BY confirmed_at DESC, id DESC LIMIT ? OFFSET ?",
                this::toPublic, campaignId, size, (long) page * size);
    }

    /** The next listed signers in order of confirmation, after the cursor (keyset paging). */
    public ListBatch listedAfter(long campaignId, ListCursor cursor, int size) {
        record Keyed(PublicSigner signer, Instant confirmedAt, long id) {
        }
        // The bound on confirmed_at alone lets the index be entered at the cursor; with the OR alone,
        // MariaDB walked the campaign's index from its start to skip what came before (93 ms a batch
        // half-way through a million signers, 31 s for the whole list). Even with the bound it
        // prefers that walk, so the index is named (3 ms a batch).
        List<Keyed> rows = sql.list("SELECT id, name, public_display, country, city, confirmed_at, key_id FROM signature "
                        + sql.forcedIndex("ix_signature_public_list")
                        + " WHERE campaign_id = ? AND " + Signature.COUNTS_SQL + " "
                        + "AND confirmed_at >= ? AND (confirmed_at > ? OR id > ?) "
                        + "ORDER BY confirmed_at, id LIMIT ?",
                row -> new Keyed(toPublic(row), Sql.instant(row, "confirmed_at"), row.getLong("id")),
                campaignId, cursor.confirmedAt(), cursor.confirmedAt(), cursor.id(), size);
        if (rows.isEmpty()) {
            return new ListBatch(List.of(), cursor);
        }
        Keyed last = rows.get(rows.size() - 1);
        return new ListBatch(rows.stream().map(Keyed::signer).toList(), new ListCursor(last.confirmedAt(), last.id()));
    }

    /** How many signatures of a campaign stand in each state, and how many counted signers want updates. */
    public record StateCounts(Map<SignatureState, Long> byState, long countedWithUpdates) {
        public long of(SignatureState state) {
            return byState.getOrDefault(state, 0L);
        }
    }

    public StateCounts stateCounts(long campaignId) {
        Map<SignatureState, Long> byState = new java.util.EnumMap<>(SignatureState.class);
        long[] withUpdates = {0};
        sql.forEach("SELECT status, hold_rule, invalidation_id IS NOT NULL AS invalidated, COUNT(*) AS n, "
                        + "SUM(CASE WHEN email_updates THEN 1 ELSE 0 END) AS u FROM signature WHERE campaign_id = ? "
                        + "GROUP BY status, hold_rule, invalidation_id IS NOT NULL",
                row -> {
                    String hold = row.getString("hold_rule");
                    SignatureState state = SignatureState.of(SignatureStatus.valueOf(row.getString("status")),
                            hold == null ? null : HoldRule.valueOf(hold), row.getBoolean("invalidated"));
                    byState.merge(state, row.getLong("n"), Long::sum);
                    if (state.counts()) {
                        withUpdates[0] += row.getLong("u");
                    }
                }, campaignId);
        return new StateCounts(byState, withUpdates[0]);
    }

    // ---- updates

    /** The next counted signers who asked for updates, after the id, in id order. */
    public List<Long> updateRecipientsAfter(long campaignId, long afterId, int limit) {
        return sql.list("SELECT id FROM signature WHERE campaign_id = ? AND id > ? AND " + Signature.RECEIVES_UPDATES_SQL
                        + " ORDER BY id LIMIT " + limit,
                row -> row.getLong("id"), campaignId, afterId);
    }

    /** The campaign of the signature, after making sure it gets no more updates; empty if it is gone. */
    public Optional<Long> stopUpdates(long id) {
        Optional<Long> campaign = campaignOf(id);
        campaign.ifPresent(found -> sql.update("UPDATE signature SET email_updates = FALSE WHERE id = ? "
                + "AND email_updates = TRUE", id));
        return campaign;
    }

    public Optional<Long> campaignOf(long id) {
        return sql.one("SELECT campaign_id FROM signature WHERE id = ?", row -> row.getLong("campaign_id"), id);
    }

    /** The campaign of each of these signatures that is still there, by signature id. */
    public Map<Long, Long> campaignsOf(Collection<Long> ids) {
        Map<Long, Long> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Sql.In in = Sql.in(ids);
        sql.forEach("SELECT id, campaign_id FROM signature WHERE id IN (" + in.placeholders() + ")",
                row -> found.put(row.getLong("id"), row.getLong("campaign_id")), in.after());
        return found;
    }

    // ---- erasing

    /** Why a signer's personal data goes; each keeps a different amount of the row. */
    public enum Erasure {
        /** The signer removed the signature: the row stays, withdrawn, so counts and emails keep their references. */
        WITHDRAWN_BY_SIGNER,
        /** The campaign closed long enough ago: the row stays, hidden, with its country and status for the counts. */
        AFTER_CLOSE,
        /** Never confirmed in time: the row goes (the caller has deleted its emails). */
        NEVER_CONFIRMED
    }

    /**
     * Erases what names these signers: name, email address, city, what was kept of their client
     * address, and their links; a fresh random key frees the mailbox to sign again. Returns how
     * many signatures were erased (rows already empty are left as they are).
     */
    public int erase(Collection<Long> ids, Erasure why) {
        if (ids.isEmpty()) {
            return 0;
        }
        deleteLinks(ids);
        if (why == Erasure.NEVER_CONFIRMED) {
            Sql.In in = Sql.in(ids);
            return sql.update("DELETE FROM signature WHERE status = ? AND id IN (" + in.placeholders() + ")",
                    in.after(SignatureStatus.PENDING));
        }
        int erased = 0;
        for (long id : ids) {
            byte[] freshKey = new byte[32];
            RANDOM.nextBytes(freshKey); // no longer derived from the email address
            erased += why == Erasure.WITHDRAWN_BY_SIGNER
                    ? sql.update("UPDATE signature SET status = ?, " + ERASED + " WHERE id = ?",
                            SignatureStatus.WITHDRAWN, freshKey, id)
                    : sql.update("UPDATE signature SET public_display = ?, " + ERASED + " WHERE id = ? AND "
                            + HOLDS_PERSONAL_DATA, PublicDisplay.HIDDEN, freshKey, id);
        }
        return erased;
    }

    private static final String ERASED = "name = '', email = '', city = NULL, email_updates = FALSE, email_key = ?, "
            + "client_hash = NULL, client_prefix = NULL, email_domain = NULL, key_id = NULL";

    private void deleteLinks(Collection<Long> ids) {
        deleteResubmissions(ids);
        Sql.In in = Sql.in(ids);
        sql.update("DELETE FROM confirmation_token WHERE signature_id IN (" + in.placeholders() + ")", in.after());
        sql.update("DELETE FROM withdrawal_token WHERE signature_id IN (" + in.placeholders() + ")", in.after());
    }

    /** Pending signatures made before the time, oldest first, locked; those locked elsewhere are skipped. */
    public List<Long> lockPendingCreatedBefore(Instant before, int limit) {
        return sql.list("SELECT id FROM signature WHERE status = ? AND created_at < ? "
                        + "ORDER BY created_at LIMIT " + limit + " FOR UPDATE SKIP LOCKED",
                row -> row.getLong("id"), SignatureStatus.PENDING, before);
    }

    /** The campaign's next signatures after the id, locked (waiting for rows locked elsewhere). */
    public List<Long> lockCampaignBatch(long campaignId, long afterId, int limit) {
        return sql.list("SELECT id FROM signature WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT " + limit
                + " FOR UPDATE", row -> row.getLong("id"), campaignId, afterId);
    }

    /** How many of the campaign's signatures still hold personal data. */
    public long countHoldingPersonalData(long campaignId) {
        return sql.one("SELECT COUNT(*) AS n FROM signature WHERE campaign_id = ? AND " + HOLDS_PERSONAL_DATA,
                row -> row.getLong("n"), campaignId).orElse(0L);
    }

    /** Signature ids after the given one, in id order, up to the first made at or after the cutoff. */
    public List<Long> idsCreatedBefore(long afterId, Instant cutoff, int limit) {
        List<Long> ids = new java.util.ArrayList<>();
        boolean[] young = {false};
        // the walk stops at the first row still young, so a pass reads at most one batch
        sql.forEach("SELECT id, created_at FROM signature WHERE id > ? ORDER BY id LIMIT " + limit, row -> {
            young[0] |= !Sql.instant(row, "created_at").isBefore(cutoff);
            if (!young[0]) {
                ids.add(row.getLong("id"));
            }
        }, afterId);
        return ids;
    }

    public void forgetClientAddresses(Collection<Long> ids) {
        Sql.In in = Sql.in(ids);
        sql.update("UPDATE signature SET client_hash = NULL, client_prefix = NULL WHERE id IN (" + in.placeholders() + ")",
                in.after());
    }
    // ---- keys

    /**
     * Re-seals, with the current key, the next signatures after the id that another key sealed
     * (or none: rows stored before encryption, which also get their keyed mailbox and domain
     * hashes). Rows locked elsewhere are skipped, and so is a row that does not open with the
     * configured keys (it is logged): the walk always moves on. Returns the last id looked at, or
     * empty when there is nothing after the id to re-seal.
     */
    public Optional<Long> resealAfter(long afterId, int limit) {
        List<Long> ids = sql.list("SELECT id FROM signature WHERE id > ? AND email <> '' "
                        + "AND (key_id IS NULL OR key_id <> ?) ORDER BY id LIMIT " + limit + " FOR UPDATE SKIP LOCKED",
                row -> row.getLong("id"), afterId, cipher.keyId());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Sql.In in = Sql.in(ids);
        sql.forEach("SELECT " + COLUMNS + " FROM signature WHERE id IN (" + in.placeholders() + ")", row -> {
            boolean stillClear = keyId(row) == null;
            Signature signature;
            try {
                signature = map(row);
            } catch (IllegalStateException unreadable) {
                LOG.warn("Signature {} does not open with the configured keys: left as it is", row.getLong("id"));
                return;
            }
            reseal(signature, stillClear);
        }, in.after());
        return Optional.of(ids.get(ids.size() - 1));
    }

    private void reseal(Signature signature, boolean stillClear) {
        EmailAddress address = new EmailAddress(signature.email());
        sql.update("UPDATE signature SET email = ?, name = ?, city = ?, key_id = ?, email_domain = ? WHERE id = ?",
                cipher.seal(signature.email(), EMAIL), cipher.seal(signature.name(), NAME),
                cipher.sealNullable(signature.city(), CITY), cipher.keyId(), domainIndex(address.domain()), signature.id());
        if (stillClear) {
            try {
                // stored before the mailbox key was keyed: from now on the person is found by the keyed hash
                sql.update("UPDATE signature SET email_key = ? WHERE id = ?", mailboxKey(address), signature.id());
            } catch (Sql.DuplicateKeyException signedAgainMeanwhile) {
                LOG.warn("Signature {} kept its old mailbox key: the same mailbox signed again under the new one",
                        signature.id());
            }
        }
    }

    /**
     * The same for repeat submissions after the id; returns the last id looked at, or empty when
     * there is nothing after it to re-seal. A row that does not open is logged and left.
     */
    public Optional<Long> resealResubmissionsAfter(long afterId, int limit) {
        List<Long> ids = sql.list("SELECT id FROM resubmission WHERE id > ? AND (key_id IS NULL OR key_id <> ?) "
                + "ORDER BY id LIMIT " + limit + " FOR UPDATE SKIP LOCKED", row -> row.getLong("id"), afterId, cipher.keyId());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Sql.In in = Sql.in(ids);
        sql.forEach(RESUBMISSIONS + "WHERE id IN (" + in.placeholders() + ")", row -> {
            Submission said;
            try {
                said = mapResubmission(row).said();
            } catch (IllegalStateException unreadable) {
                LOG.warn("Resubmission {} does not open with the configured keys: left as it is", row.getLong("id"));
                return;
            }
            sql.update("UPDATE resubmission SET email = ?, name = ?, city = ?, key_id = ? WHERE id = ?",
                    cipher.seal(said.email(), REPEAT_EMAIL), cipher.seal(said.name(), REPEAT_NAME),
                    cipher.sealNullable(said.city(), REPEAT_CITY), cipher.keyId(), row.getLong("id"));
        }, in.after());
        return Optional.of(ids.get(ids.size() - 1));
    }

    /** Whether some signature still holds its details in clear (stored before they were sealed). */
    public boolean anyStillClear() {
        return sql.one("SELECT id FROM signature WHERE key_id IS NULL AND email <> '' LIMIT 1",
                row -> row.getLong("id")).isPresent();
    }

    // ---- the campaign team's checks

    /** Of the signatures that match (standing, not invalidated yet), how many stand in each state. */
    public Map<SignatureState, Long> countMatching(SignatureMatch match) {
        SignatureMatch.Where where = match.where(this::domainIndex);
        Map<SignatureState, Long> byState = new java.util.EnumMap<>(SignatureState.class);
        if (where.emailPattern() != null) {
            matchingByPattern(where, false).forEach(matched -> byState.merge(matched.state(), 1L, Long::sum));
            return byState;
        }
        sql.forEach("SELECT status, hold_rule, COUNT(*) AS n FROM signature WHERE " + where.sql()
                        + " GROUP BY status, hold_rule",
                row -> {
                    String hold = row.getString("hold_rule");
                    byState.merge(SignatureState.of(SignatureStatus.valueOf(row.getString("status")),
                            hold == null ? null : HoldRule.valueOf(hold), false), row.getLong("n"), Long::sum);
                },
                where.args());
        return byState;
    }

    /** Marks what matches now as invalidated by this invalidation; returns how many. */
    public int invalidateMatching(SignatureMatch match, long invalidationId) {
        SignatureMatch.Where where = match.where(this::domainIndex);
        if (where.emailPattern() != null) {
            // read without locking (a lock on every candidate would stall the campaign's signing
            // while the addresses are opened); the update checks the other conditions again
            List<Long> ids = matchingByPattern(where, false).stream().map(Matched::id).toList();
            int invalidated = 0;
            for (int from = 0; from < ids.size(); from += 1000) {
                Sql.In in = Sql.in(ids.subList(from, Math.min(ids.size(), from + 1000)));
                Object[] args = new Object[1 + in.after().length + where.args().length];
                args[0] = invalidationId;
                System.arraycopy(in.after(), 0, args, 1, in.after().length);
                System.arraycopy(where.args(), 0, args, 1 + in.after().length, where.args().length);
                invalidated += sql.update("UPDATE signature SET invalidation_id = ? WHERE id IN (" + in.placeholders()
                        + ") AND " + where.sql(), args);
            }
            return invalidated;
        }
        Object[] args = new Object[where.args().length + 1];
        args[0] = invalidationId;
        System.arraycopy(where.args(), 0, args, 1, where.args().length);
        return sql.update("UPDATE signature SET invalidation_id = ? WHERE " + where.sql(), args);
    }

    private record Matched(long id, SignatureState state) {
    }

    /**
     * The rows that match, the address pattern included: the other conditions narrow them in SQL,
     * then each candidate's address is opened and matched here (a lead's rare action; a campaign's
     * rows open at a few hundred thousand a second).
     */
    private List<Matched> matchingByPattern(SignatureMatch.Where where, boolean lock) {
        List<Matched> matched = new java.util.ArrayList<>();
        sql.forEach("SELECT id, status, hold_rule, email, key_id FROM signature WHERE " + where.sql()
                        + (lock ? " FOR UPDATE" : ""),
                row -> {
                    String email = cipher.open(row.getString("email"), EMAIL, keyId(row));
                    if (where.emailPattern().matcher(email.toLowerCase(java.util.Locale.ROOT)).matches()) {
                        String hold = row.getString("hold_rule");
                        matched.add(new Matched(row.getLong("id"), SignatureState.of(
                                SignatureStatus.valueOf(row.getString("status")),
                                hold == null ? null : HoldRule.valueOf(hold), false)));
                    }
                }, where.args());
        return matched;
    }

    /** Locks the signatures of an invalidation, before it is undone. */
    public void lockInvalidatedBy(long campaignId, long invalidationId) {
        sql.list("SELECT id FROM signature WHERE campaign_id = ? AND invalidation_id = ? FOR UPDATE",
                row -> row.getLong("id"), campaignId, invalidationId);
    }

    /** Of an invalidation's signatures, how many per country would count without it. */
    public Map<String, Long> countriesOnceRestored(long campaignId, long invalidationId) {
        Map<String, Long> byCountry = new java.util.TreeMap<>();
        sql.forEach("SELECT country, COUNT(*) AS n FROM signature WHERE campaign_id = ? AND invalidation_id = ? AND "
                        + Signature.COUNTS_ONCE_RESTORED_SQL + " GROUP BY country",
                row -> byCountry.put(row.getString("country"), row.getLong("n")), campaignId, invalidationId);
        return byCountry;
    }

    /** Undoes an invalidation on its signatures; returns how many came back. */
    public int clearInvalidation(long campaignId, long invalidationId) {
        return sql.update("UPDATE signature SET invalidation_id = NULL WHERE campaign_id = ? AND invalidation_id = ?",
                campaignId, invalidationId);
    }

    /** The signatures one rule holds, locked. */
    public List<Long> lockHeldBy(long campaignId, HoldRule rule) {
        return sql.list("SELECT id FROM signature WHERE campaign_id = ? AND hold_rule = ? FOR UPDATE",
                row -> row.getLong("id"), campaignId, rule);
    }

    /** Of these held signatures, how many per country would count once released. */
    public Map<String, Long> countriesOnceReleased(Collection<Long> ids) {
        Map<String, Long> byCountry = new java.util.TreeMap<>();
        Sql.In in = Sql.in(ids);
        sql.forEach("SELECT country, COUNT(*) AS n FROM signature WHERE " + Signature.COUNTS_ONCE_RELEASED_SQL
                        + " AND id IN (" + in.placeholders() + ") GROUP BY country",
                row -> byCountry.merge(row.getString("country"), row.getLong("n"), Long::sum), in.after());
        return byCountry;
    }

    public void releaseHold(Collection<Long> ids) {
        Sql.In in = Sql.in(ids);
        sql.update("UPDATE signature SET hold_rule = NULL WHERE id IN (" + in.placeholders() + ")", in.after());
    }

    /**
     * Signatures held by one rule (withdrawn ones aside), how many of them are confirmed, and how
     * many were stored unmailed (beyond the email budget of their network or email domain) and
     * have had no email since.
     */
    public record HeldGroup(HoldRule rule, long signatures, long confirmed, long unmailed) {
    }

    public List<HeldGroup> heldGroups(long campaignId) {
        return sql.list("SELECT hold_rule, COUNT(*) AS n, SUM(CASE WHEN status = ? THEN 1 ELSE 0 END) AS c, "
                        + "SUM(CASE WHEN emails_sent = 0 THEN 1 ELSE 0 END) AS u "
                        + "FROM signature WHERE campaign_id = ? AND hold_rule IS NOT NULL AND status <> ? "
                        + "GROUP BY hold_rule ORDER BY hold_rule",
                row -> new HeldGroup(HoldRule.valueOf(row.getString("hold_rule")), row.getLong("n"), row.getLong("c"),
                        row.getLong("u")),
                SignatureStatus.CONFIRMED, campaignId, SignatureStatus.WITHDRAWN);
    }

    /** Where signatures came from in one hour since a moment: hours are counted from it. */
    public record SourceCount(long hour, @Nullable byte[] network, @Nullable byte[] clientHash, @Nullable String domain,
                              long clients, long signatures) {
    }

    /** The busiest single clients, networks and email domains of each hour since the moment (withdrawn aside). */
    public record Sources(List<SourceCount> clients, List<SourceCount> networks, List<SourceCount> domains) {
    }

    public Sources busiestSources(long campaignId, Instant since, int rows) {
        // hours are counted in a derived table so that grouping needs no repeated parameter
        String hourly = "SELECT TIMESTAMPDIFF(HOUR, ?, created_at) AS h, client_prefix, client_hash, email_domain, id "
                + "FROM signature WHERE campaign_id = ? AND created_at >= ? AND status <> 'WITHDRAWN'";
        List<SourceCount> clients = sql.list("SELECT h, client_prefix, client_hash, COUNT(*) AS n FROM (" + hourly
                        + ") t WHERE client_hash IS NOT NULL GROUP BY h, client_prefix, client_hash ORDER BY n DESC LIMIT " + rows,
                row -> new SourceCount(row.getLong("h"), row.getBytes("client_prefix"), row.getBytes("client_hash"), null,
                        1, row.getLong("n")),
                since, campaignId, since);
        List<SourceCount> networks = sql.list("SELECT h, client_prefix, COUNT(DISTINCT client_hash) AS hosts, COUNT(*) AS n "
                        + "FROM (" + hourly + ") t WHERE client_prefix IS NOT NULL GROUP BY h, client_prefix "
                        + "ORDER BY n DESC LIMIT " + rows,
                row -> new SourceCount(row.getLong("h"), row.getBytes("client_prefix"), null, null, row.getLong("hosts"),
                        row.getLong("n")),
                since, campaignId, since);
        // domains are grouped by their keyed hash; one address of each group, opened, names the domain
        record DomainGroup(long hour, long sample, long signatures) {
        }
        List<DomainGroup> groups = sql.list("SELECT h, MIN(id) AS sample, COUNT(*) AS n FROM (" + hourly + ") t "
                        + "WHERE email_domain IS NOT NULL GROUP BY h, email_domain ORDER BY n DESC LIMIT " + rows,
                row -> new DomainGroup(row.getLong("h"), row.getLong("sample"), row.getLong("n")),
                since, campaignId, since);
        Map<Long, Signature> samples = findAll(groups.stream().map(DomainGroup::sample).toList());
        List<SourceCount> domains = groups.stream()
                .filter(group -> samples.containsKey(group.sample()))
                .map(group -> new SourceCount(group.hour(), null, null,
                        new EmailAddress(samples.get(group.sample()).email()).domain(), 0, group.signatures()))
                .toList();
        return new Sources(clients, networks, domains);
    }

    // ---- exports

    /** Which signatures an export reads: confirmed (and pending) ones made in a window, or only those wanting updates. */
    public record Selection(long campaignId, boolean includePending, @Nullable Instant from,
                            @Nullable Instant toExclusive, boolean onlyUpdates) {
    }

    /**
     * The selected signatures in id order, streamed from a connection of the caller's (outside any
     * transaction, for as long as a download lasts): the driver hands rows over as they arrive.
     */
    public ExportRows openExport(java.sql.Connection connection, Selection selection) throws SQLException {
        StringBuilder query = new StringBuilder("SELECT " + COLUMNS + " FROM signature WHERE campaign_id = ? "
                + "AND status IN (" + (selection.includePending() ? "'CONFIRMED', 'PENDING'" : "'CONFIRMED'") + ")");
        List<Object> args = new java.util.ArrayList<>(List.of(selection.campaignId()));
        if (selection.from() != null) {
            query.append(" AND created_at >= ?");
            args.add(selection.from());
        }
        if (selection.toExclusive() != null) {
            query.append(" AND created_at < ?");
            args.add(selection.toExclusive());
        }
        if (selection.onlyUpdates()) {
            query.append(" AND email_updates = TRUE");
        }
        query.append(" ORDER BY id");
        java.sql.PreparedStatement statement = connection.prepareStatement(query.toString(),
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            // Connector/J buffers a whole result set unless the fetch size is Integer.MIN_VALUE
            boolean mysqlDriver = connection.getMetaData().getDriverName().startsWith("MySQL");
            statement.setFetchSize(mysqlDriver ? Integer.MIN_VALUE : 1000);
            sql.bind(statement, args.toArray());
            return new ExportRows(statement, statement.executeQuery(), this::map);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
