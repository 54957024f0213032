package org.cfcr.petitions.export;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportRefsTest {

    private static final byte[] KEY = "0123456789abcdef".getBytes();
    private final ExportRefs refs = new ExportRefs(KEY);

    @Test
    void a_ref_reads_back_as_its_export_and_row() {
        String ref = refs.writer(42).ref(1_000_007);
        assertEquals(ExportRefs.LENGTH, ref.length());
        assertTrue(ref.matches("[A-Z2-7]{26}"), ref);
        assertEquals(Optional.of(new ExportRefs.Mark(42, 1_000_007)), refs.reader().read(ref));
    }

    @Test
    void the_same_signer_has_a_different_ref_in_every_export() {
        Set<String> seen = new HashSet<>();
        for (long export = 1; export <= 1000; export++) {
            assertTrue(seen.add(refs.writer(export).ref(77)), "export " + export);
        }
    }

    @Test
    void a_ref_survives_what_spreadsheets_and_people_do_to_it() {
        String ref = refs.writer(9).ref(123);
        ExportRefs.Mark mark = new ExportRefs.Mark(9, 123);
        for (String mangled : new String[]{ref.toLowerCase(), " " + ref + " ", "'" + ref, "\"" + ref + "\"",
                ref.substring(0, 13) + "-" + ref.substring(13), "\uFEFF" + ref}) {
            assertEquals(Optional.of(mark), refs.reader().read(mangled), mangled);
        }
    }

    @Test
    void made_up_and_mistyped_refs_name_nothing() {
        String ref = refs.writer(9).ref(123);
        char changed = ref.charAt(5) == 'A' ? 'B' : 'A';
        assertEquals(Optional.empty(), refs.reader().read(ref.substring(0, 5) + changed + ref.substring(6)));
        assertEquals(Optional.empty(), refs.reader().read(ref.substring(1)));
        assertEquals(Optional.empty(), refs.reader().read(ref + "A"));
        assertEquals(Optional.empty(), refs.reader().read("not a ref at all, but long enough"));
        assertEquals(Optional.empty(), new ExportRefs("another key 1234".getBytes()).reader().read(ref));
        Random random = new Random(1);
        ExportRefs.Reader reader = refs.reader();
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            assertEquals(Optional.empty(), reader.read(ExportRefs.base32(bytes)));
        }
    }

    @Test
    void base32_round_trips_and_refuses_other_spellings_of_the_same_bytes() {
        byte[] bytes = new byte[16];
        new Random(2).nextBytes(bytes);
        String text = ExportRefs.base32(bytes);
        assertEquals(java.util.HexFormat.of().formatHex(bytes), java.util.HexFormat.of().formatHex(ExportRefs.unbase32(text)));
        // the last character carries 3 bits and 2 zero bits of padding
        char last = text.charAt(25);
        String other = text.substring(0, 25) + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(
                ("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(last) | 1));
        assertNotEquals(text, other);
        assertEquals(null, ExportRefs.unbase32(other));
    }
}
