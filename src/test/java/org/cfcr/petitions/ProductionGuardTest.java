package org.cfcr.petitions;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductionGuardTest {

    private static final Properties NO_PROPERTIES = new Properties();

    @Test
    void production_without_a_database_url_is_refused_with_a_clear_message() {
        var problems = ProductionGuard.problems(Map.of("MICRONAUT_ENVIRONMENTS", "prod",
                "PUBLIC_BASE_URL", "https://sign.example.org", "SMTP_HOST", "smtp.example.org"), NO_PROPERTIES);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("DATASOURCES_DEFAULT_URL is not set"));
    }

    @Test
    void production_on_an_embedded_database_is_refused() {
        var problems = ProductionGuard.problems(Map.of("MICRONAUT_ENVIRONMENTS", "cloud,prod",
                "DATASOURCES_DEFAULT_URL", "jdbc:h2:file:./data/x", "PUBLIC_BASE_URL", "https://x", "SMTP_HOST", "h"),
                NO_PROPERTIES);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("must be a MySQL URL"), problems.get(0));
    }

    @Test
    void a_complete_production_setup_and_the_embedded_default_both_start() {
        assertEquals(0, ProductionGuard.problems(Map.of("MICRONAUT_ENVIRONMENTS", "prod",
                "DATASOURCES_DEFAULT_URL", "jdbc:mysql://db:3306/petitions", "PUBLIC_BASE_URL", "https://x",
                "SMTP_HOST", "smtp"), NO_PROPERTIES).size());
        assertEquals(0, ProductionGuard.problems(Map.of(), NO_PROPERTIES).size());
    }

    @Test
    void the_environment_can_also_come_from_a_system_property() {
        Properties properties = new Properties();
        properties.setProperty("micronaut.environments", "prod");
        assertEquals(3, ProductionGuard.problems(Map.of(), properties).size());
    }
}
