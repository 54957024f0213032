package org.cfcr.petitions.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.signature.EmailAddress;
import org.cfcr.petitions.signature.Signature;
import org.cfcr.petitions.signature.SignatureStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which export a leaked file came from, for admins: the rows pasted or uploaded are read
 * ({@link PastedRows}); a row's ref names its export ({@link ExportRefs}), and so does a canary's
 * address ({@link ExportCanaries}). When no row carries either, the rows' signers are looked up
 * and the exports that could have held them all are listed ({@link ExportScopes}), as the weaker
 * answer it is. Every lookup is in the audit log; what was pasted is not kept.
 */
@Singleton
public class ExportTracing {

    static final int MAX_POSSIBLE = 20;

    private final Watermarks watermarks;
    private final ExportCanaries canaries;
    private final ExportRecords records;
    private final SignatureStore signatures;
    private final AuditLog audit;

    ExportTracing(Watermarks watermarks, ExportCanaries canaries, ExportRecords records, SignatureStore signatures,
                  AuditLog audit) {
        this.watermarks = watermarks;
        this.canaries = canaries;
        this.records = records;
        this.signatures = signatures;
        this.audit = audit;
    }

    public sealed interface Result permits Traced, Refused {
    }

    /** Nothing to trace: the message key says why. */
    public record Refused(String messageKey) implements Result {
    }

    public record Traced(Trace trace) implements Result {
    }

    /** An export that marked some of the rows: by their refs, and by its canaries among them. */
    public record Named(ExportRecords.ExportRecord export, int byRef, int byCanary) {
        public int rows() {
            return byRef + byCanary;
        }
    }

    /** An export that could have held this many of the signers found (no row carried a mark). */
    public record Possible(ExportRecords.ExportRecord export, int couldHold) {
    }

    /**
     * @param rowsRead   the data rows read
     * @param truncated  whether rows past {@link PastedRows#MAX_ROWS} were left unread
     * @param rowsMarked the rows that carry a ref or are a canary of an export on record
     * @param named      those exports, the one with most rows first
     * @param signersFound when no row carries a mark: the rows whose signer was found
     * @param possible   the exports that could have held the most of those signers
     */
    public record Trace(int rowsRead, boolean truncated, int rowsMarked, List<Named> named, int signersFound,
                       List<Possible> possible) {
    }

    /** The text of an uploaded file, in whichever encoding a spreadsheet saved it. */
    public static String fileText(byte[] bytes) {
        return PastedRows.decode(bytes);
    }

    /** Traces the rows of each text (pasted, and the file's); the admin's lookup goes to the audit log. */
    @Transactional
    public Result trace(List<String> texts, long adminId) {
        List<PastedRows.PastedRow> rows = new ArrayList<>();
        boolean truncated = false;
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            try {
                PastedRows.Pasted pasted = PastedRows.parse(text);
                rows.addAll(pasted.rows());
                truncated |= pasted.truncated();
            } catch (PastedRows.UnreadableException e) {
                return new Refused("admin.trace.error.unreadable");
            }
        }
        if (rows.isEmpty()) {
            return new Refused("admin.trace.error.empty");
        }
        if (rows.size() > PastedRows.MAX_ROWS) {
            rows = rows.subList(0, PastedRows.MAX_ROWS);
            truncated = true;
        }
        Map<PastedRows.PastedRow, Long> byRef = byRef(rows);
        Map<PastedRows.PastedRow, Long> byCanary = byCanary(rows, byRef);
        if (byRef.isEmpty() && byCanary.isEmpty() && rows.stream().allMatch(row -> row.id() == null && row.email() == null)) {
            return new Refused("admin.trace.error.nothing");
        }
        Map<Long, ExportRecords.ExportRecord> known = records.find(union(byRef.values(), byCanary.values())).stream()
                .collect(Collectors.toMap(ExportRecords.ExportRecord::id, Function.identity()));
        List<Named> named = known.values().stream()
                .map(export -> new Named(export, count(byRef, export.id()), count(byCanary, export.id())))
                .sorted(Comparator.comparingInt(Named::rows).reversed().thenComparing(n -> -n.export().id()))
                .toList();
        int marked = named.stream().mapToInt(Named::rows).sum();
        Trace trace = named.isEmpty() ? withoutMarks(rows, truncated) : new Trace(rows.size(), truncated, marked, named, 0, List.of());
        audit.record(adminId, campaignOf(trace), "export.traced", describe(trace));
        return new Traced(trace);
    }

    /** The export each row's ref names, for the rows with a ref. */
    private Map<PastedRows.PastedRow, Long> byRef(List<PastedRows.PastedRow> rows) {
        ExportRefs.Reader reader = watermarks.refs().reader();
        Map<PastedRows.PastedRow, Long> marks = new IdentityHashMap<>();
        for (PastedRows.PastedRow row : rows) {
            for (String cell : row.cells()) {
                Optional<ExportRefs.Mark> mark = cell.length() < ExportRefs.LENGTH ? Optional.empty() : reader.read(cell);
                if (mark.isPresent()) {
                    marks.put(row, mark.get().recordId());
                    break;
                }
            }
        }
        return marks;
    }

    /** The export whose canary each row is, for the rows without a ref. */
    private Map<PastedRows.PastedRow, Long> byCanary(List<PastedRows.PastedRow> rows, Map<PastedRows.PastedRow, Long> byRef) {
        List<PastedRows.PastedRow> candidates = rows.stream().filter(row -> !byRef.containsKey(row) && row.email() != null)
                .toList();
        Map<PastedRows.PastedRow, Long> marks = new IdentityHashMap<>();
        if (candidates.isEmpty()) {
            return marks;
        }
        Map<String, Long> exports = canaries.exportsOf(candidates.stream().map(PastedRows.PastedRow::email).toList());
        for (PastedRows.PastedRow row : candidates) {
            Long export = exports.get(new EmailAddress(row.email()).normalised());
            if (export != null) {
                marks.put(row, export);
            }
        }
        return marks;
    }

    /** No mark on any row: the rows' signers, and the exports that could have held the most of them. */
    private Trace withoutMarks(List<PastedRows.PastedRow> rows, boolean truncated) {
        Map<PastedRows.PastedRow, Signature> found = signers(rows);
        List<ExportRecords.Scope> scopes = records.scopes(found.values().stream().map(Signature::campaignId).distinct().toList());
        Map<Long, Integer> holds = new HashMap<>();
        for (ExportRecords.Scope scope : scopes) {
            int n = (int) found.entrySet().stream()
                    .filter(entry -> ExportScopes.couldHold(scope, entry.getValue(), entry.getKey())).count();
            if (n > 0) {
                holds.put(scope.recordId(), n);
            }
        }
        List<Long> best = holds.keySet().stream()
                .sorted(Comparator.comparing((Long id) -> -holds.get(id)).thenComparing(id -> -id))
                .limit(MAX_POSSIBLE).toList();
        List<Possible> possible = records.find(best).stream().map(export -> new Possible(export, holds.get(export.id())))
                .sorted(Comparator.comparingInt(Possible::couldHold).reversed().thenComparing(p -> -p.export().id()))
                .toList();
        return new Trace(rows.size(), truncated, 0, List.of(), found.size(), possible);
    }

    /**
     * The signer of each row that names one: by its id, when the row's address (if any) is that
     * signer's; else by its address, among the campaigns that were ever exported.
     */
    private Map<PastedRows.PastedRow, Signature> signers(List<PastedRows.PastedRow> rows) {
        Map<Long, Signature> byId = signatures.findAll(rows.stream().map(PastedRows.PastedRow::id)
                .filter(java.util.Objects::nonNull).map(Long::parseLong).distinct().toList());
        Map<PastedRows.PastedRow, Signature> found = new IdentityHashMap<>();
        List<PastedRows.PastedRow> byAddress = new ArrayList<>();
        for (PastedRows.PastedRow row : rows) {
            Signature signer = row.id() == null ? null : byId.get(Long.parseLong(row.id()));
            if (signer != null && (row.email() == null || sameMailbox(row.email(), signer.email()))) {
                found.put(row, signer);
            } else if (row.email() != null) {
                byAddress.add(row);
            }
        }
        if (byAddress.isEmpty()) {
            return found;
        }
        List<byte[]> keys = byAddress.stream().map(row -> signatures.mailboxKey(new EmailAddress(row.email()))).toList();
        Map<ByteBuffer, Long> ids = new HashMap<>();
        for (long campaignId : records.exportedCampaigns()) {
            signatures.idsByEmailKey(campaignId, keys).forEach(ids::putIfAbsent);
        }
        Map<Long, Signature> signers = signatures.findAll(ids.values());
        for (PastedRows.PastedRow row : byAddress) {
            Long id = ids.get(ByteBuffer.wrap(signatures.mailboxKey(new EmailAddress(row.email()))));
            if (id != null && signers.containsKey(id)) {
                found.put(row, signers.get(id));
            }
        }
        return found;
    }

    private static boolean sameMailbox(String pasted, String stored) {
        // an erased signer's address is gone: the id alone must do
        return !EmailAddress.isValid(stored) || new EmailAddress(pasted).mailbox().equals(new EmailAddress(stored).mailbox());
    }

    private static List<Long> union(java.util.Collection<Long> one, java.util.Collection<Long> other) {
        return java.util.stream.Stream.concat(one.stream(), other.stream()).distinct().toList();
    }

    private static int count(Map<PastedRows.PastedRow, Long> marks, long recordId) {
        return (int) marks.values().stream().filter(id -> id == recordId).count();
    }

    /** The campaign the answer is about, when it is about one. */
    @Nullable
    private static Long campaignOf(Trace trace) {
        long campaigns = java.util.stream.Stream.concat(trace.named().stream().map(Named::export),
                trace.possible().stream().map(Possible::export)).mapToLong(ExportRecords.ExportRecord::campaignId)
                .distinct().count();
        if (campaigns != 1) {
            return null;
        }
        return trace.named().isEmpty() ? trace.possible().get(0).export().campaignId()
                : trace.named().get(0).export().campaignId();
    }

    /** What the audit log keeps of a lookup: counts and export numbers, nothing of the rows. */
    private static String describe(Trace trace) {
        StringBuilder out = new StringBuilder(trace.rowsRead() + " rows read");
        if (!trace.named().isEmpty()) {
            out.append("; named ").append(trace.named().stream().map(n -> "export #" + n.export().id() + " (" + n.rows()
                    + " rows: " + n.byRef() + " by ref, " + n.byCanary() + " canaries)").collect(Collectors.joining(", ")));
        } else {
            out.append("; no mark; ").append(trace.signersFound()).append(" signers found");
            if (!trace.possible().isEmpty()) {
                out.append("; could be ").append(trace.possible().stream().map(p -> "export #" + p.export().id() + " ("
                        + p.couldHold() + ")").collect(Collectors.joining(", ")));
            }
        }
        return out.toString();
    }
}
