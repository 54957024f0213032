package org.cfcr.petitions.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every table has one owning class, and no other class of the product names it in SQL: whoever
 * changes what a table holds finds every query on it in one file. The schema's tables are read
 * from migrations/, the SQL from the string literals of src/main/java.
 */
class TableOwnershipTest {

    /** Table to the source file (under the base package) of its owner. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("signature", "signature/SignatureStore.java"),
            Map.entry("confirmation_token", "signature/SignatureStore.java"),
            Map.entry("withdrawal_token", "signature/SignatureStore.java"),
            Map.entry("resubmission", "signature/SignatureStore.java"),
            Map.entry("outbox_email", "mail/OutboxStore.java"),
            Map.entry("campaign", "campaign/CampaignStore.java"),
            Map.entry("campaign_lead", "campaign/CampaignLeads.java"),
            Map.entry("campaign_update", "update/CampaignUpdates.java"),
            Map.entry("count_delta", "count/CountDeltas.java"),
            Map.entry("campaign_count", "count/CountTotals.java"),
            Map.entry("campaign_country_count", "count/CountTotals.java"),
            Map.entry("count_history", "count/CountHistory.java"),
            Map.entry("invalidation", "checks/Invalidations.java"),
            Map.entry("audit_event", "audit/AuditLog.java"),
            Map.entry("account", "account/Accounts.java"),
            Map.entry("account_session", "account/Sessions.java"),
            Map.entry("account_factor", "account/factor/SecondFactors.java"),
            Map.entry("recovery_code", "account/factor/RecoveryCodes.java"),
            Map.entry("api_token", "account/ApiTokens.java"),
            Map.entry("login_failure", "account/LoginThrottle.java"),
            Map.entry("export_record", "export/ExportRecords.java"),
            Map.entry("export_canary", "export/ExportCanaries.java"),
            Map.entry("job_cursor", "retention/ClientAddressExpiry.java"),
            Map.entry("app_secret", "kernel/secret/SharedSecrets.java"));

    private static final Path SOURCES = Path.of("src/main/java/org/cfcr/petitions");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TABLE_AFTER_KEYWORD = Pattern.compile("\\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\\s+([a-z_]+)\\b");
    private static final Pattern CREATED = Pattern.compile("CREATE TABLE (\\w+)");
    private static final Pattern DROPPED = Pattern.compile("DROP TABLE (?:IF EXISTS )?(\\w+)");

    @Test
    void every_table_of_the_schema_has_an_owner() {
        assertEquals(schemaTables(), new TreeSet<>(OWNERS.keySet()),
                "tables in migrations/ and their owners here must match");
    }

    @Test
    void only_its_owner_names_a_table_in_sql() {
        Set<String> tables = schemaTables();
        List<String> trespasses = new ArrayList<>();
        Map<String, Set<String>> named = new TreeMap<>();
        forEachSource((file, text) -> {
            for (String table : tablesNamed(text, tables)) {
                named.computeIfAbsent(table, t -> new TreeSet<>()).add(file);
                if (!OWNERS.get(table).equals(file)) {
                    trespasses.add(file + " names " + table + " (owned by " + OWNERS.get(table) + ")");
                }
            }
        });
        assertEquals(List.of(), trespasses);
        OWNERS.forEach((table, owner) -> assertTrue(named.getOrDefault(table, Set.of()).contains(owner),
                owner + " should own " + table + " but names it nowhere"));
    }

    /** The tables one source file names after FROM, INTO, UPDATE, JOIN or TABLE in its string literals. */
    static Set<String> tablesNamed(String source, Set<String> tables) {
        StringBuilder literals = new StringBuilder();
        Matcher string = STRING.matcher(source);
        while (string.find()) {
            literals.append(string.group(1)).append(' ');
        }
        Set<String> found = new TreeSet<>();
        Matcher keyword = TABLE_AFTER_KEYWORD.matcher(literals);
        while (keyword.find()) {
            if (tables.contains(keyword.group(1))) {
                found.add(keyword.group(1));
            }
        }
        return found;
    }

    @Test
    void the_scan_sees_tables_in_joined_and_split_statements() {
        String source = "sql.list(\"SELECT a FROM signature s JOIN \" + \"outbox_email o ON o.x = s.id\"); "
                + "sql.update(\"UPDATE campaign SET x = 1 FOR UPDATE\");";
        assertEquals(Set.of("signature", "outbox_email", "campaign"),
                tablesNamed(source, Set.of("signature", "outbox_email", "campaign")));
    }

    static Set<String> schemaTables() {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> migrations = Files.list(Path.of("migrations"))) {
            migrations.sorted((a, b) -> Integer.compare(version(a), version(b))).forEach(migration -> {
                String sql = read(migration);
                CREATED.matcher(sql).results().forEach(m -> tables.add(m.group(1)));
                DROPPED.matcher(sql).results().forEach(m -> tables.remove(m.group(1)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private interface SourceVisitor {
        void visit(String file, String text);
    }

    private static void forEachSource(SourceVisitor visitor) {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(path -> path.toString().endsWith(".java")).forEach(path ->
                    visitor.visit(SOURCES.relativize(path).toString().replace('\\', '/'), read(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
