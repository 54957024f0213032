package org.cfcr.petitions.export;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.signature.Signature;
import org.cfcr.petitions.signature.SignatureStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The watermark of one export, as its rows are written: a {@code ref} for every row, and canary
 * rows among them. For one thread (the export's cursor).
 * <p>
 * Canaries: the first is due within the first {@value #FIRST_WITHIN} rows, then one in every
 * {@value #ROWS_PER_CANARY}, each at a random row of its stretch; a file with any real row gets at
 * least {@value #AT_LEAST}. A canary goes between two rows whose ids leave a gap, and takes an id
 * from the gap, so that ids still rise through the file; where ids run on without a gap it waits
 * for the next gap, or for the end of the file. Its name, address, times and choices look like
 * its neighbours', within the export's filters.
 */
final class ExportWatermark {

    static final int FIRST_WITHIN = 20;
    static final int ROWS_PER_CANARY = 5000;
    static final int AT_LEAST = 2;
    private static final int TRIES = 10;

    /** Where canaries are recorded before they are written; false when the address was taken. */
    interface CanaryBook {
        boolean add(long recordId, CanaryRow canary);
    }

    private final long recordId;
    private final ExportRefs.Writer refs;
    private final CanaryBook book;
    private final RandomGenerator random;
    private final List<String> domains;
    private final ExportFilters filters;
    private final Instant now;
    private long realRows;
    private int made;
    private long due;
    @Nullable
    private Signature last;
    private long lastId;

    ExportWatermark(long recordId, ExportRefs.Writer refs, CanaryBook book, RandomGenerator random, List<String> domains,
                    ExportFilters filters, Instant now) {
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("Canaries need a domain (petitions.exports.canary-domains)");
        }
        this.recordId = recordId;
        this.refs = refs;
        this.book = book;
        this.random = random;
        this.domains = domains;
        this.filters = filters;
        this.now = now;
        this.due = 1 + random.nextInt(FIRST_WITHIN);
    }

    String ref(long rowId) {
        return refs.ref(rowId);
    }

    /** The canary to write after this row, if one is due and the ids leave room before the next. */
    @Nullable
    CanaryRow after(Signature row, @Nullable Signature next) {
        realRows++;
        last = row;
        lastId = row.id();
        if (realRows < due || next == null || next.id() - row.id() < 2) {
            return null;
        }
        long id = row.id() + 1 + random.nextLong(next.id() - row.id() - 1);
        Instant latest = next.createdAt().isAfter(row.createdAt()) ? next.createdAt() : row.createdAt();
        return make(row, id, row.createdAt(), latest);
    }

    /** The canaries still owed when the last row has been written: none for a file without rows. */
    List<CanaryRow> atEnd() {
        List<CanaryRow> canaries = new ArrayList<>();
        if (last == null) {
            return canaries;
        }
        Instant latest = last.createdAt().plus(Duration.ofHours(1));
        if (latest.isAfter(now)) {
            latest = now;
        }
        Instant end = filters.toInstantExclusive().map(to -> to.minusSeconds(1)).orElse(latest);
        latest = latest.isAfter(end) ? end : latest;
        // one after the other, as later signers: each signed after the row before it
        Instant earliest = last.createdAt();
        while (made < AT_LEAST || due <= realRows) {
            CanaryRow canary = make(last, lastId + 1 + random.nextInt(3), earliest, latest);
            earliest = canary.looks().createdAt();
            canaries.add(canary);
        }
        return canaries;
    }

    /** A canary like the neighbour, with this id, signed in [earliest, latest). */
    private CanaryRow make(Signature neighbour, long id, Instant earliest, Instant latest) {
        Instant signed = between(earliest, latest);
        boolean pending = filters.includePending() && random.nextInt(100) < 10;
        Instant confirmed = null;
        if (!pending) {
            Instant soon = signed.plusSeconds(30 + random.nextInt(1800));
            confirmed = between(signed, soon.isAfter(now) ? now : soon);
        }
        boolean chinese = neighbour.lang().isChinese();
        int display = random.nextInt(100);
        PublicDisplay shown = display < 40 ? PublicDisplay.FULL_NAME : display < 85 ? PublicDisplay.INITIALS : PublicDisplay.HIDDEN;
        boolean updates = filters.onlyUpdates() || random.nextInt(100) < 40;
        String city = random.nextInt(100) < 70 ? neighbour.city() : null;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            CanaryNames.Name name = CanaryNames.name(random, chinese);
            String email = CanaryNames.email(random, name, domains.get(random.nextInt(domains.size())));
            Signature looks = new Signature(id, neighbour.campaignId(), email, name.shown(), neighbour.country(), city,
                    shown, updates, neighbour.lang(), pending ? SignatureStatus.PENDING : SignatureStatus.CONFIRMED, null,
                    null, signed, confirmed, signed, 1);
            CanaryRow canary = new CanaryRow(looks, realRows);
            if (book.add(recordId, canary)) {
                made++;
                lastId = id;
                due = Math.max(realRows + 1, windowStart(made) + random.nextInt(windowLength(made)));
                return canary;
            }
        }
        throw new IllegalStateException("No free canary address after " + TRIES + " tries");
    }

    /** A moment in [earliest, latest), in microseconds as the database keeps times (a nanosecond would stand out). */
    private Instant between(Instant earliest, Instant latest) {
        long span = Math.max(0, Duration.between(earliest, latest).toNanos() / 1000);
        return earliest.plusNanos(1000 * (span == 0 ? 0 : random.nextLong(span))).truncatedTo(ChronoUnit.MICROS);
    }

    /** Canary k (from 1) is due in rows [start, start + length). */
    private static long windowStart(int k) {
        return (long) (k - 1) * ROWS_PER_CANARY + FIRST_WITHIN + 1;
    }

    private static int windowLength(int k) {
        return k == 1 ? ROWS_PER_CANARY - FIRST_WITHIN : ROWS_PER_CANARY;
    }
}
