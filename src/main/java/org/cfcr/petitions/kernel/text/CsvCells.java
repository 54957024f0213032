package org.cfcr.petitions.kernel.text;

/**
 * Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula.
 * Such cells get a leading apostrophe, which spreadsheets show as text and do not run. The
 * full-width forms ＝ ＋ － ＠ count too (East Asian spreadsheets and input methods turn them into the
 * plain ones), and so does a formula start behind leading spaces of any kind (a spreadsheet that
 * trims cells on import, as LibreOffice offers to, would otherwise run what follows them).
 */
public final class CsvCells {

    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    private CsvCells() {
    }

    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '\t' || first == '\r' || startsAfterSpaces(cell) ? "'" + cell : cell;
    }

    private static boolean startsAfterSpaces(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return FORMULA_STARTS.indexOf(c) >= 0;
            }
        }
        return false;
    }
}
