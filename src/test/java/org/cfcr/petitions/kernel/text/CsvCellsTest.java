package org.cfcr.petitions.kernel.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A cell a spreadsheet would run as a formula is written as text. */
class CsvCellsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "=HYPERLINK(\"x\")|'=HYPERLINK(\"x\")",
            "+1|'+1",
            "-2+3|'-2+3",
            "@SUM(A1)|'@SUM(A1)",
            "Jane Doe|Jane Doe",
            "刘晓波|刘晓波",
            "a=b|a=b"})
    void formulas_are_neutralised_and_names_left_alone(String cell, String written) {
        assertEquals(written, CsvCells.safe(cell));
    }

    @Test
    void a_leading_tab_or_carriage_return_is_neutralised_too() {
        assertEquals("'\t=1", CsvCells.safe("\t=1"));
        assertEquals("'\r=1", CsvCells.safe("\r=1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "＝HYPERLINK(\"x\")|'＝HYPERLINK(\"x\")",
            "＋1|'＋1",
            "－2＋3|'－2＋3",
            "＠SUM(A1)|'＠SUM(A1)",
            "~ =1+1~|~' =1+1~",
            " 　＝1|' 　＝1",
            "~  Jane~|~  Jane~",
            "a＝b|a＝b"})
    void full_width_formula_starts_and_those_behind_spaces_are_neutralised(String cell, String written) {
        assertEquals(written, CsvCells.safe(cell));
    }

    @Test
    void a_cell_of_spaces_only_is_left_alone() {
        assertEquals("   ", CsvCells.safe("   "));
    }

    @Test
    void empty_cells_stay_empty() {
        assertEquals("", CsvCells.safe(""));
        assertNull(CsvCells.safe(null));
    }
}
