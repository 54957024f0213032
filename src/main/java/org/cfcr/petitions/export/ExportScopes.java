package org.cfcr.petitions.export;

import org.cfcr.petitions.signature.Signature;

import java.time.Instant;

/**
 * Whether an export could have held a signer's row, by its campaign, its time and its filters:
 * the last resort of tracing, for rows that lost their refs and are no canaries. It narrows the
 * exports down; it proves nothing, since every export of the same filters after the signer
 * confirmed could have held the same row.
 */
final class ExportScopes {

    private ExportScopes() {
    }

    static boolean couldHold(ExportRecords.Scope export, Signature signer, PastedRows.PastedRow row) {
        if (export.campaignId() != signer.campaignId() || signer.createdAt().isAfter(export.startedAt())) {
            return false;
        }
        ExportFilters filters = export.filters();
        if (filters == null) {
            // an export from before the filters were kept: its time is all we know
            return true;
        }
        Instant confirmed = signer.confirmedAt();
        boolean confirmedThen = confirmed != null && !confirmed.isAfter(export.startedAt());
        if (!filters.includePending() && (!confirmedThen || "pending".equals(row.status()))) {
            return false;
        }
        if ("confirmed".equals(row.status()) && !confirmedThen) {
            return false;
        }
        if ("pending".equals(row.status()) && confirmedThen) {
            return false;
        }
        if (filters.fromInstant().map(from -> signer.createdAt().isBefore(from)).orElse(false)
                || filters.toInstantExclusive().map(to -> !signer.createdAt().isBefore(to)).orElse(false)) {
            return false;
        }
        // whether the signer wanted updates then is not kept; the row itself may say
        return !filters.onlyUpdates() || !"no".equals(row.wantsUpdates());
    }
}
