package org.cfcr.petitions.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.context.annotation.ConfigurationProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Settings are said once: each feature's record names them, application.yml gives every default
 * and maps every environment variable of README's table, and no code carries a default of its own.
 */
class SettingsTest {

    /** Micronaut maps these itself (a default cannot be written for them in application.yml). */
    private static final Set<String> MAPPED_BY_MICRONAUT = Set.of("DATASOURCES_DEFAULT_URL");
    private static final Pattern README_VARIABLE = Pattern.compile("^\\| `([A-Z][A-Z0-9_]+)`(?:, `([A-Z][A-Z0-9_]+)`)*(?:, `([A-Z][A-Z0-9_]+)`)* \\|",
            Pattern.MULTILINE);
    private static final Pattern NAME_IN_CELL = Pattern.compile("`([A-Z][A-Z0-9_]+)`");
    private static final Pattern MAPPED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+):");
    private static final Pattern MAPPED_IN_LOGBACK = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+):-");
    private static final Pattern DEFAULT_IN_CODE = Pattern.compile("\"\\$\\{[a-z][a-z0-9.-]*:");

    /** The environment variables of README's table of settings. */
    static Set<String> readmeVariables() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher row = README_VARIABLE.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            Matcher name = NAME_IN_CELL.matcher(row.group());
            while (name.find()) {
                documented.add(name.group(1));
            }
        }
        return documented;
    }

    @Test
    void every_variable_of_readmes_table_is_mapped_in_application_yml_and_every_mapped_one_is_in_the_table()
            throws IOException {
        Set<String> documented = readmeVariables();
        Set<String> mapped = new TreeSet<>(MAPPED_BY_MICRONAUT);
        MAPPED.matcher(Files.readString(Path.of("src/main/resources/application.yml"))).results()
                .forEach(m -> mapped.add(m.group(1)));
        MAPPED_IN_LOGBACK.matcher(Files.readString(Path.of("src/main/resources/logback.xml"))).results()
                .forEach(m -> mapped.add(m.group(1)));
        assertEquals(documented, mapped, "README's table of variables and the mappings of application.yml and logback.xml");
    }

    @Test
    void every_setting_of_a_record_has_its_default_in_application_yml() throws IOException {
        Map<String, Object> yaml;
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.yml"))) {
            yaml = new Yaml().load(in);
        }
        List<String> missing = new ArrayList<>();
        for (JavaClass record : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.cfcr.petitions")) {
            if (!record.isAnnotatedWith(ConfigurationProperties.class)) {
                continue;
            }
            String prefix = record.getAnnotationOfType(ConfigurationProperties.class).value();
            for (var component : record.reflect().getRecordComponents()) {
                String key = prefix + "." + kebab(component.getName());
                if (!has(yaml, key)) {
                    missing.add(record.getSimpleName() + "." + component.getName() + " (" + key + ")");
                }
            }
        }
        assertEquals(List.of(), missing, "settings without a default in application.yml");
    }

    @Test
    void no_code_writes_a_default_of_its_own() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = DEFAULT_IN_CODE.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(file.getFileName() + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found, "placeholders with a default written in code");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    @SuppressWarnings("unchecked")
    private static boolean has(Map<String, Object> yaml, String key) {
        Object node = yaml;
        for (String part : key.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return false;
            }
            node = ((Map<String, Object>) map).get(part);
        }
        return true;
    }
}
