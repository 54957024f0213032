package org.cfcr.petitions.export;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PastedRowsTest {

    private static final String HEADER = "\uFEFFid,name,email,country,city,public_display,wants_updates,language,status,"
            + "signed_at,confirmed_at,held,ref\r\n";
    private static final String ROW = "17,\"Smith, John\",john@example.org,GB,London,FULL_NAME,yes,en,confirmed,"
            + "2026-01-15T12:00:00Z,2026-01-15T12:05:00Z,,ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n";

    @Test
    void an_export_as_it_was_written() throws Exception {
        PastedRows.Pasted pasted = PastedRows.parse(HEADER + ROW);
        assertEquals(1, pasted.rows().size());
        PastedRows.PastedRow row = pasted.rows().get(0);
        assertEquals("17", row.id());
        assertEquals("john@example.org", row.email());
        assertEquals("confirmed", row.status());
        assertEquals("yes", row.wantsUpdates());
        assertEquals("Smith, John", row.cells().get(1));
        assertFalse(pasted.truncated());
    }

    @Test
    void rows_copied_from_a_spreadsheet_without_the_header_are_read_by_the_shape_of_their_cells() throws Exception {
        String pasted = "Smith, John\tjohn@example.org\t17\tconfirmed\tno\n刘晓波\t'liu@example.org\t18\tpending\tyes\n";
        List<PastedRows.PastedRow> rows = PastedRows.parse(pasted).rows();
        assertEquals(2, rows.size());
        assertEquals("17", rows.get(0).id());
        assertEquals("john@example.org", rows.get(0).email());
        assertEquals("no", rows.get(0).wantsUpdates());
        assertEquals("liu@example.org", rows.get(1).email(), "the formula guard's apostrophe is not part of the address");
        assertEquals("pending", rows.get(1).status());
    }

    @Test
    void semicolons_a_subset_of_columns_and_blank_lines() throws Exception {
        String saved = "email;ref\n\n  a@example.org ; REF1 \n\"b@example.org\";\"REF2\"\n\n";
        List<PastedRows.PastedRow> rows = PastedRows.parse(saved).rows();
        assertEquals(2, rows.size());
        assertEquals("a@example.org", rows.get(0).email());
        assertEquals("REF1", rows.get(0).cells().get(1));
        assertNull(rows.get(0).id());
        assertEquals("b@example.org", rows.get(1).email());
    }

    @Test
    void a_lone_column_of_addresses() throws Exception {
        List<PastedRows.PastedRow> rows = PastedRows.parse("x@example.org\ny@example.org").rows();
        assertEquals(2, rows.size());
        assertEquals("y@example.org", rows.get(1).email());
    }

    @Test
    void files_in_the_encodings_spreadsheets_save() throws Exception {
        String text = "id,email\r\n5,z@example.org\r\n";
        byte[] utf16 = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
        assertEquals(text, PastedRows.decode(utf16));
        byte[] utf8 = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        assertEquals("z@example.org", PastedRows.parse(PastedRows.decode(utf8)).rows().get(0).email());
        byte[] gbk = "id,name,email\r\n5,刘晓波,z@example.org\r\n".getBytes(java.nio.charset.Charset.forName("GB18030"));
        assertEquals("z@example.org", PastedRows.parse(PastedRows.decode(gbk)).rows().get(0).email());
    }

    @Test
    void too_many_rows_are_cut_and_said_so() throws Exception {
        PastedRows.Pasted pasted = PastedRows.parse("a@example.org\n".repeat(PastedRows.MAX_ROWS + 50));
        assertEquals(PastedRows.MAX_ROWS, pasted.rows().size());
        assertTrue(pasted.truncated());
    }

    @Test
    void garbage_is_rows_of_nothing() throws Exception {
        for (String garbage : List.of("\u0000\u0001\u0002", "<script>alert(1)</script>", "\"unbalanced, quote\nand more",
                ",,,,\n;;;;", "界".repeat(5000))) {
            for (PastedRows.PastedRow row : PastedRows.parse(garbage).rows()) {
                assertNull(row.id(), garbage);
                assertNull(row.email(), garbage);
            }
        }
    }
}
