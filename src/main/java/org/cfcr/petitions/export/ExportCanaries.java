package org.cfcr.petitions.export;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The canary rows of every export (export_canary): recorded one by one before their row leaves,
 * so that a canary in a leaked file always names its export. Only this class names the table.
 */
@Singleton
class ExportCanaries implements ExportWatermark.CanaryBook {

    private final Sql sql;

    ExportCanaries(Sql sql) {
        this.sql = sql;
    }

    /** False when another canary has the address already (the caller makes another). */
    @Override
    @Transactional
    public boolean add(long recordId, CanaryRow canary) {
        try {
            sql.update("INSERT INTO export_canary (export_record_id, email, name, row_id, after_rows) VALUES (?, ?, ?, ?, ?)",
                    recordId, canary.email().toLowerCase(Locale.ROOT), canary.name(), canary.rowId(), canary.afterRows());
            return true;
        } catch (Sql.DuplicateKeyException taken) {
            return false;
        }
    }

    /** The export each of these addresses was a canary of (lower-cased address to record id). */
    @Transactional(readOnly = true)
    public Map<String, Long> exportsOf(Collection<String> emails) {
        Map<String, Long> found = new HashMap<>();
        List<String> lower = emails.stream().map(email -> email.toLowerCase(Locale.ROOT)).distinct().toList();
        for (int from = 0; from < lower.size(); from += 500) {
            Sql.In in = Sql.in(lower.subList(from, Math.min(lower.size(), from + 500)));
            sql.forEach("SELECT email, export_record_id FROM export_canary WHERE email IN (" + in.placeholders() + ")",
                    row -> found.put(row.getString("email"), row.getLong("export_record_id")), in.after());
        }
        return found;
    }
}
