package org.cfcr.petitions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Production is the Micronaut environment {@code prod} (MICRONAUT_ENVIRONMENTS=prod). There, a
 * forgotten database URL must stop the service before anything is written, instead of quietly
 * keeping signatures in the embedded database of one node.
 */
public final class ProductionGuard {

    private ProductionGuard() {
    }

    public static void checkOrExit(Map<String, String> env, Properties systemProperties) {
        List<String> problems = problems(env, systemProperties);
        if (!problems.isEmpty()) {
            System.err.println("Refusing to start in production (environment 'prod'):");
            problems.forEach(p -> System.err.println("  - " + p));
            System.err.println("See README.md, section 'Production'.");
            System.exit(2);
        }
    }

    static List<String> problems(Map<String, String> env, Properties systemProperties) {
        if (!isProduction(env, systemProperties)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String url = env.getOrDefault("DATASOURCES_DEFAULT_URL", "");
        if (url.isBlank()) {
            problems.add("DATASOURCES_DEFAULT_URL is not set. Set it to your MySQL database, "
                    + "e.g. jdbc:mysql://db.internal:3306/petitions");
        } else if (!url.startsWith("jdbc:mysql://")) {
            problems.add("DATASOURCES_DEFAULT_URL must be a MySQL URL, jdbc:mysql://HOST:3306/DATABASE "
                    + "(also for MariaDB, which the MySQL driver serves).");
        }
        if (env.getOrDefault("PUBLIC_BASE_URL", "").isBlank()) {
            problems.add("PUBLIC_BASE_URL is not set. Confirmation links need it, e.g. https://sign.example.org");
        }
        if (env.getOrDefault("SMTP_HOST", "").isBlank()) {
            problems.add("SMTP_HOST is not set. Without it no confirmation email can reach a signer.");
        }
        return problems;
    }

    static boolean isProduction(Map<String, String> env, Properties systemProperties) {
        String names = env.getOrDefault("MICRONAUT_ENVIRONMENTS", "") + ","
                + systemProperties.getProperty("micronaut.environments", "");
        return Arrays.stream(names.split(",")).map(String::trim).anyMatch("prod"::equals);
    }
}
