package org.cfcr.petitions.export;

import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.EmailAddress;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.signature.Signature;
import org.cfcr.petitions.signature.SignatureStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportWatermarkTest {

    private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    private static final ExportFilters CONFIRMED = new ExportFilters(false, null, null, false);

    /** The file as the cursor writes it: each real row, and the canary after it if any; then the end. */
    private static List<Signature> write(ExportWatermark watermark, List<Signature> rows) {
        List<Signature> file = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            file.add(rows.get(i));
            CanaryRow canary = watermark.after(rows.get(i), i + 1 < rows.size() ? rows.get(i + 1) : null);
            if (canary != null) {
                file.add(canary.looks());
            }
        }
        watermark.atEnd().forEach(canary -> file.add(canary.looks()));
        return file;
    }

    private static List<Signature> signers(int count, int idStep, boolean zh) {
        List<Signature> rows = new ArrayList<>();
        Instant at = NOW.minusSeconds(count * 60L + 3600);
        for (int i = 0; i < count; i++) {
            rows.add(new Signature(1000 + (long) i * idStep, 7, "real" + i + "@example.org", "Real " + i, "HK", "Kowloon",
                    PublicDisplay.INITIALS, true, zh ? Lang.ZH : Lang.EN, SignatureStatus.CONFIRMED, null, null,
                    at.plusSeconds(i * 60L), at.plusSeconds(i * 60L + 30), at, 1));
        }
        return rows;
    }

    private static ExportWatermark watermark(ExportFilters filters, Set<String> book, long seed) {
        return new ExportWatermark(5, new ExportRefs("0123456789abcdef".getBytes()).writer(5),
                (record, canary) -> book.add(canary.email()), new Random(seed), List.of("canary.example", "mail.example"),
                filters, NOW);
    }

    private static List<Signature> canaries(List<Signature> file) {
        return file.stream().filter(row -> !row.email().startsWith("real")).toList();
    }

    @Test
    void a_file_without_rows_has_no_canary_and_a_small_one_has_two() {
        Set<String> book = new HashSet<>();
        assertEquals(List.of(), write(watermark(CONFIRMED, book, 1), List.of()));
        for (int seed = 0; seed < 50; seed++) {
            List<Signature> file = write(watermark(CONFIRMED, book, seed), signers(3, 2, seed % 2 == 0));
            assertEquals(ExportWatermark.AT_LEAST, canaries(file).size(), "seed " + seed);
        }
    }

    @Test
    void canaries_take_ids_from_the_gaps_and_the_ids_rise_through_the_file() {
        for (int seed = 0; seed < 50; seed++) {
            List<Signature> file = write(watermark(CONFIRMED, new HashSet<>(), seed), signers(300, 3, false));
            for (int i = 1; i < file.size(); i++) {
                assertTrue(file.get(i).id() > file.get(i - 1).id(), "seed " + seed + " row " + i);
            }
            Signature first = canaries(file).get(0);
            assertTrue(file.indexOf(first) <= ExportWatermark.FIRST_WITHIN, "the first canary comes early");
        }
    }

    @Test
    void without_gaps_the_canaries_wait_for_the_end_and_the_ids_still_rise() {
        List<Signature> file = write(watermark(CONFIRMED, new HashSet<>(), 3), signers(40, 1, false));
        assertEquals(42, file.size());
        assertTrue(canaries(file).stream().allMatch(canary -> file.indexOf(canary) >= 40));
        assertTrue(file.get(41).id() > file.get(40).id() && file.get(40).id() > file.get(39).id());
        assertFalse(file.get(41).createdAt().isBefore(file.get(40).createdAt()), "later rows, later signers");
        assertFalse(file.get(40).createdAt().isBefore(file.get(39).createdAt()));
    }

    @Test
    void a_large_file_has_about_one_canary_in_every_five_thousand_rows() {
        List<Signature> file = write(watermark(CONFIRMED, new HashSet<>(), 4), signers(50_000, 2, true));
        int count = canaries(file).size();
        assertTrue(count >= 10 && count <= 12, count + " canaries");
    }

    @Test
    void canaries_look_like_the_rows_the_filters_let_through() {
        LocalDate day = LocalDate.ofInstant(NOW, java.time.ZoneOffset.UTC);
        ExportFilters updatesToday = new ExportFilters(false, null, day, true);
        for (int seed = 0; seed < 100; seed++) {
            List<Signature> rows = signers(30, 2, seed % 2 == 0);
            for (Signature canary : canaries(write(watermark(updatesToday, new HashSet<>(), seed), rows))) {
                assertTrue(canary.wantsUpdates());
                assertEquals(SignatureStatus.CONFIRMED, canary.status());
                assertTrue(EmailAddress.isValid(canary.email()), canary.email());
                assertTrue(canary.email().endsWith("@canary.example") || canary.email().endsWith("@mail.example"));
                assertFalse(canary.createdAt().isBefore(rows.get(0).createdAt()));
                assertFalse(canary.confirmedAt().isAfter(NOW), "never confirmed after the export");
                assertTrue(canary.confirmedAt().isAfter(canary.createdAt()));
                assertEquals(0, canary.confirmedAt().getNano() % 1000, "microseconds, as stored times");
                assertEquals(0, canary.createdAt().getNano() % 1000);
                assertFalse(canary.name().isBlank());
                assertEquals("HK", canary.country());
            }
        }
    }

    @Test
    void an_address_another_canary_has_is_made_again() {
        Set<String> book = new HashSet<>();
        int[] refused = {0};
        ExportWatermark.CanaryBook picky = (record, canary) -> {
            if (refused[0] < 3) {
                refused[0]++;
                return false;
            }
            return book.add(canary.email());
        };
        ExportWatermark watermark = new ExportWatermark(5, new ExportRefs("0123456789abcdef".getBytes()).writer(5), picky,
                new Random(9), List.of("canary.example"), CONFIRMED, NOW);
        assertEquals(2, canaries(write(watermark, signers(5, 2, false))).size());
        assertEquals(2, book.size());
    }
}
