package org.cfcr.petitions.support;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/**
 * A lead's export as a test reads it: its rows by the header's names, and which of them are the
 * canary rows every export carries (made-up signers at the canary domains, README "Traceable exports").
 */
public final class ExportFiles {

    /** petitions.exports.canary-domains by default (application.yml). */
    public static final List<String> DEFAULT_CANARY_DOMAINS = List.of("example.net");

    private ExportFiles() {
    }

    public static List<CSVRecord> rows(String body) {
        String withoutBom = body.startsWith("\uFEFF") ? body.substring(1) : body;
        try (CSVParser parser = CSVParser.parse(new StringReader(withoutBom),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isCanary(CSVRecord row, Collection<String> canaryDomains) {
        String email = row.get("email");
        return canaryDomains.stream().anyMatch(domain -> email.endsWith("@" + domain));
    }

    /** The rows of real signers. */
    public static List<CSVRecord> signers(String body) {
        return rows(body).stream().filter(row -> !isCanary(row, DEFAULT_CANARY_DOMAINS)).toList();
    }

    public static List<CSVRecord> canaries(String body, Collection<String> canaryDomains) {
        return rows(body).stream().filter(row -> isCanary(row, canaryDomains)).toList();
    }
}
