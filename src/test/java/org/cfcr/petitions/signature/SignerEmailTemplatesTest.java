package org.cfcr.petitions.signature;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The emails a submission causes carry no text the submitter chose: anyone may submit any
 * address, and a flood would otherwise put its own words ("Dear ...") in every inbox it names.
 * Their templates read only what the service itself writes.
 */
class SignerEmailTemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/views/email");
    /**
     * What SignerLetters puts in the model: the campaign's title (a lead's words), our links, and a
     * discreet campaign's reference code (a keyed hash).
     */
    private static final Set<String> OURS = Set.of("campaignTitle", "campaignUrl", "confirmUrl", "validFor", "withdrawUrl",
            "reference");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");

    @Test
    void the_confirmation_and_already_signed_emails_read_nothing_the_submitter_wrote() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            templates = files.filter(file -> file.getFileName().toString().startsWith("confirmation")
                    || file.getFileName().toString().startsWith("already-signed")).sorted().toList();
        }
        assertFalse(templates.size() < 4, "the html and text parts of both emails: " + templates);
        Set<String> read = new TreeSet<>();
        for (Path template : templates) {
            Matcher variable = VARIABLE.matcher(Files.readString(template));
            while (variable.find()) {
                if (!OURS.contains(variable.group(1))) {
                    read.add(template.getFileName() + ": " + variable.group(1));
                }
            }
        }
        assertEquals(Set.of(), read, "variables that are not the service's own text");
    }
}
