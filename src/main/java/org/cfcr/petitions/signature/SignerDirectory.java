package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.time.Instant;
import java.util.List;

/**
 * The public list of confirmed signers, newest first, as each signer chose to appear. It reads
 * only public fields: the email address never leaves this query.
 */
@Singleton
public class SignerDirectory {

    public static final int MAX_PAGE_SIZE = 100;
    /**
     * Pages reach back over the newest 10,000 signers. A deeper OFFSET makes the database walk
     * every row before it, which anyone could use to load it; whole lists are for downloads.
     */
    public static final int MAX_OFFSET = 10_000;

    public static boolean isWithinReach(int page, int size) {
        return page >= 0 && size >= 1 && size <= MAX_PAGE_SIZE && (long) page * size < MAX_OFFSET;
    }

    private final Sql sql;

    public SignerDirectory(Sql sql) {
        this.sql = sql;
    }

    /**
     * @param name   as the signer chose: full, initials, or null when hidden
     * @param city   shown only with a name; a hidden signer shows just the country
     */
    public record PublicSigner(@Nullable String name, String country, @Nullable String city, Instant signedAt) {
    }

    /** Where a walk through the whole list stands: the last signer returned. */
    public record Cursor(Instant confirmedAt, long id) {
        public static final Cursor START = new Cursor(Instant.EPOCH, 0);
    }

    public record Batch(List<PublicSigner> signers, Cursor next) {
    }

    /**
     * The next signers in order of confirmation, for downloads of the whole list: each batch is a
     * short query that continues where the last stopped (keyset paging), so a million signers take
     * constant memory and no long transaction.
     */
    @Transactional(readOnly = true)
    public Batch after(long campaignId, Cursor cursor, int size) {
        List<Keyed> rows = sql.list("SELECT id, name, public_display, country, city, confirmed_at FROM signature "
                        + "WHERE campaign_id = ? AND " + SignatureStatus.COUNTED_SQL + " "
                        + "AND (confirmed_at > ? OR (confirmed_at = ? AND id > ?)) "
                        + "ORDER BY confirmed_at, id LIMIT ?",
                row -> new Keyed(toPublic(row), row.getLong("id")),
                campaignId, cursor.confirmedAt(), cursor.confirmedAt(), cursor.id(), size);
        if (rows.isEmpty()) {
            return new Batch(List.of(), cursor);
        }
        Keyed last = rows.get(rows.size() - 1);
        return new Batch(rows.stream().map(Keyed::signer).toList(), new Cursor(last.signer().signedAt(), last.id()));
    }

    private record Keyed(PublicSigner signer, long id) {
    }

    private static PublicSigner toPublic(java.sql.ResultSet row) throws java.sql.SQLException {
        PublicDisplay display = PublicDisplay.valueOf(row.getString("public_display"));
        String name = display.publicName(row.getString("name"));
        return new PublicSigner(name, row.getString("country"), name == null ? null : row.getString("city"),
                Sql.instant(row, "confirmed_at"));
    }

    @Transactional(readOnly = true)
    public List<PublicSigner> page(long campaignId, int page, int size) {
        return sql.list("SELECT name, public_display, country, city, confirmed_at FROM signature "
                        + "WHERE campaign_id = ? AND " + SignatureStatus.COUNTED_SQL + " "
                        + "ORDER BY confirmed_at DESC, id DESC LIMIT ? OFFSET ?",
                SignerDirectory::toPublic,
                campaignId, size, (long) page * size);
    }
}
