package org.cfcr.petitions.export;

import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.signature.Signature;
import org.cfcr.petitions.signature.SignatureStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportScopesTest {

    private static final Instant SIGNED = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant CONFIRMED = Instant.parse("2027-01-10T10:05:00Z");

    private static Signature signer(Instant confirmedAt) {
        return new Signature(1, 7, "a@example.org", "A", "HK", null, PublicDisplay.HIDDEN, false, Lang.EN,
                confirmedAt == null ? SignatureStatus.PENDING : SignatureStatus.CONFIRMED, null, null, SIGNED, confirmedAt,
                SIGNED, 1);
    }

    private static PastedRows.PastedRow row(String status, String updates) {
        return new PastedRows.PastedRow(1, List.of(), "1", null, status, updates);
    }

    private static ExportRecords.Scope export(String at, ExportFilters filters) {
        return new ExportRecords.Scope(3, 7, Instant.parse(at), filters);
    }

    private static final ExportFilters CONFIRMED_ONLY = new ExportFilters(false, null, null, false);
    private static final ExportFilters ALL = new ExportFilters(true, null, null, false);

    @Test
    void an_export_holds_signers_of_its_campaign_who_had_confirmed_by_then() {
        assertTrue(ExportScopes.couldHold(export("2027-01-11T00:00:00Z", CONFIRMED_ONLY), signer(CONFIRMED), row(null, null)));
        assertFalse(ExportScopes.couldHold(export("2027-01-10T10:01:00Z", CONFIRMED_ONLY), signer(CONFIRMED), row(null, null)),
                "not confirmed yet");
        assertFalse(ExportScopes.couldHold(export("2027-01-09T00:00:00Z", ALL), signer(CONFIRMED), row(null, null)),
                "not signed yet");
        assertFalse(ExportScopes.couldHold(new ExportRecords.Scope(3, 8, Instant.parse("2027-02-01T00:00:00Z"), ALL),
                signer(CONFIRMED), row(null, null)), "another campaign");
    }

    @Test
    void what_the_row_says_of_itself_narrows_the_exports() {
        Signature pendingThen = signer(CONFIRMED);
        assertTrue(ExportScopes.couldHold(export("2027-01-10T10:01:00Z", ALL), pendingThen, row("pending", null)));
        assertFalse(ExportScopes.couldHold(export("2027-01-11T00:00:00Z", ALL), pendingThen, row("pending", null)),
                "confirmed by the time of that export");
        assertFalse(ExportScopes.couldHold(export("2027-01-10T10:01:00Z", ALL), pendingThen, row("confirmed", null)));
        ExportFilters onlyUpdates = new ExportFilters(false, null, null, true);
        assertFalse(ExportScopes.couldHold(export("2027-01-11T00:00:00Z", onlyUpdates), signer(CONFIRMED), row(null, "no")));
        assertTrue(ExportScopes.couldHold(export("2027-01-11T00:00:00Z", onlyUpdates), signer(CONFIRMED), row(null, null)),
                "whether the signer wanted updates then is not known");
    }

    @Test
    void the_days_of_the_filters_and_an_export_from_before_they_were_kept() {
        ExportFilters january11 = new ExportFilters(true, LocalDate.parse("2027-01-11"), LocalDate.parse("2027-01-11"), false);
        assertFalse(ExportScopes.couldHold(export("2027-02-01T00:00:00Z", january11), signer(CONFIRMED), row(null, null)));
        ExportFilters january10 = new ExportFilters(true, null, LocalDate.parse("2027-01-10"), false);
        assertTrue(ExportScopes.couldHold(export("2027-02-01T00:00:00Z", january10), signer(CONFIRMED), row(null, null)));
        assertTrue(ExportScopes.couldHold(export("2027-02-01T00:00:00Z", null), signer(null), row(null, null)));
    }
}
