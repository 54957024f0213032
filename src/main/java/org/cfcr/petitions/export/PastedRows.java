package org.cfcr.petitions.export;

import io.micronaut.core.annotation.Nullable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cfcr.petitions.signature.EmailAddress;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rows of an export as they come back: pasted from a spreadsheet (tab-separated), saved by one
 * (commas or semicolons, quoted or not, with or without the byte-order mark, CRLF or LF, UTF-8,
 * UTF-16 or a legacy encoding), with or without the header, with any of the columns. Parsed with
 * Commons CSV; what each cell is comes from the header when there is one, else from its shape.
 */
final class PastedRows {

    static final int MAX_ROWS = 5000;
    static final int MAX_CELLS = 60;

    private static final Pattern ID = Pattern.compile("\\d{1,15}");
    private static final List<String> COLUMNS = List.of("id", "name", "email", "country", "city", "public_display",
            "wants_updates", "language", "status", "signed_at", "confirmed_at", "held", "ref");

    private PastedRows() {
    }

    /** Text that cannot be read as rows at all. */
    static final class UnreadableException extends Exception {
        UnreadableException(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /**
     * One row, its cells cleaned of what spreadsheets add (spaces, a leading apostrophe, a
     * byte-order mark), and what it says of the columns the tracing uses.
     *
     * @param number       the row's place among the data rows, from 1
     * @param id           the id column, or the one cell that looks like an id
     * @param status       confirmed, pending, or null when not given
     * @param wantsUpdates yes, no, or null when not given
     */
    record PastedRow(int number, List<String> cells, @Nullable String id, @Nullable String email,
                     @Nullable String status, @Nullable String wantsUpdates) {
    }

    /** The rows read, and whether there were more than {@value #MAX_ROWS}. */
    record Pasted(List<PastedRow> rows, boolean truncated) {
    }

    /** The text of an uploaded file: UTF-8 or UTF-16 by their byte-order marks, else UTF-8 if valid, else Latin-1. */
    static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // the ids, addresses and refs that tracing reads are ASCII, which Latin-1 keeps as it is
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    static Pasted parse(String text) throws UnreadableException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(text)).setIgnoreEmptyLines(true)
                .setTrim(true).setIgnoreSurroundingSpaces(true).setLenientEof(true).setTrailingData(true)
                .setMaxRows(MAX_ROWS + 2L).get();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            records = parser.getRecords();
        } catch (IOException e) {
            throw new UnreadableException(e);
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new UnreadableException(e);
        }
        List<List<String>> lines = new ArrayList<>();
        for (CSVRecord record : records) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < record.size() && i < MAX_CELLS; i++) {
                cells.add(clean(record.get(i)));
            }
            if (cells.stream().anyMatch(cell -> !cell.isEmpty())) {
                lines.add(cells);
            }
        }
        Map<String, Integer> header = lines.isEmpty() ? Map.of() : header(lines.get(0));
        List<List<String>> data = header.isEmpty() ? lines : lines.subList(1, lines.size());
        boolean truncated = data.size() > MAX_ROWS;
        List<PastedRow> rows = new ArrayList<>();
        for (int i = 0; i < data.size() && i < MAX_ROWS; i++) {
            rows.add(row(i + 1, data.get(i), header));
        }
        return new Pasted(rows, truncated);
    }

    private static PastedRow row(int number, List<String> cells, Map<String, Integer> header) {
        if (!header.isEmpty()) {
            String email = cell(cells, header, "email");
            return new PastedRow(number, cells, matching(cell(cells, header, "id"), ID),
                    email != null && EmailAddress.isValid(email) ? email : null,
                    word(cell(cells, header, "status"), "confirmed", "pending"),
                    word(cell(cells, header, "wants_updates"), "yes", "no"));
        }
        String id = null;
        String email = null;
        String status = null;
        String updates = null;
        for (String cell : cells) {
            if (id == null && ID.matcher(cell).matches()) {
                id = cell;
            } else if (email == null && EmailAddress.isValid(cell)) {
                email = cell;
            } else if (status == null && word(cell, "confirmed", "pending") != null) {
                status = word(cell, "confirmed", "pending");
            } else if (updates == null && word(cell, "yes", "no") != null) {
                updates = word(cell, "yes", "no");
            }
        }
        return new PastedRow(number, cells, id, email, status, updates);
    }

    /** The columns a first row names, when it is a header: two of the export's column names, or one alone. */
    private static Map<String, Integer> header(List<String> first) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < first.size(); i++) {
            String name = first.get(i).toLowerCase(Locale.ROOT).replace(' ', '_');
            if (COLUMNS.contains(name)) {
                columns.putIfAbsent(name, i);
            }
        }
        boolean isHeader = columns.size() >= 2 || (columns.size() == 1 && first.size() == 1);
        return isHeader ? columns : Map.of();
    }

    @Nullable
    private static String cell(List<String> cells, Map<String, Integer> header, String column) {
        Integer at = header.get(column);
        if (at == null || at >= cells.size() || cells.get(at).isEmpty()) {
            return null;
        }
        return cells.get(at);
    }

    @Nullable
    private static String matching(@Nullable String cell, Pattern pattern) {
        return cell != null && pattern.matcher(cell).matches() ? cell : null;
    }

    @Nullable
    private static String word(@Nullable String cell, String one, String other) {
        if (cell == null) {
            return null;
        }
        String lower = cell.toLowerCase(Locale.ROOT);
        return lower.equals(one) || lower.equals(other) ? lower : null;
    }

    /** Without what spreadsheets and the export's formula guard put around a value. */
    private static String clean(String cell) {
        String value = cell.replace("\uFEFF", "").strip();
        if (value.startsWith("'")) {
            value = value.substring(1).strip();
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value;
    }

    /** A tab in the first line: pasted from a spreadsheet; else commas, or semicolons if they outnumber them. */
    private static char delimiter(String text) {
        String start = text.strip();
        int end = start.indexOf('\n');
        String first = end < 0 ? start : start.substring(0, end);
        if (first.indexOf('\t') >= 0) {
            return '\t';
        }
        long commas = first.chars().filter(c -> c == ',').count();
        long semicolons = first.chars().filter(c -> c == ';').count();
        return semicolons > commas ? ';' : ',';
    }
}
