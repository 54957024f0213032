package org.cfcr.petitions.kernel.text;

/**
 * Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula.
 * Such cells get a leading apostrophe, which spreadsheets show as text and do not run.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + cell : cell;
    }
}
