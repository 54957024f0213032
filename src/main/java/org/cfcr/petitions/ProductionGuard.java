package org.cfcr.petitions;

import org.cfcr.petitions.kernel.secret.MasterSecretSettings;
import org.cfcr.petitions.kernel.secret.MasterSecrets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Production is the Micronaut environment {@code prod} (MICRONAUT_ENVIRONMENTS=prod). There, a
 * forgotten or unsafe setting must stop the service before anything is written: a missing database
 * URL (signatures quietly kept in one node's embedded database), a missing master secret (keys kept
 * in the database, where a dump forges links and reverses address hashes), and anything that would
 * carry signers' details or links in clear over a network: an http:// address, SMTP without TLS,
 * a database connection whose server is not verified. Each transport check is skipped when the host
 * is this machine's loopback, or when a PROD_ACCEPT_ setting says the operator accepts the risk.
 */
public final class ProductionGuard {

    static final String ACCEPT_HTTP = "PROD_ACCEPT_HTTP";
    static final String ACCEPT_SMTP_WITHOUT_TLS = "PROD_ACCEPT_SMTP_WITHOUT_TLS";
    static final String ACCEPT_UNVERIFIED_DATABASE_TLS = "PROD_ACCEPT_UNVERIFIED_DATABASE_TLS";

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
        checkDatabase(env, problems);
        checkPublicAddress(env, problems);
        checkSmtp(env, problems);
        checkMasterSecret(env, problems);
        if ("true".equalsIgnoreCase(env.getOrDefault("PETITIONS_BENCH_CEILINGS", "").strip())
                || "true".equalsIgnoreCase(systemProperties.getProperty("petitions.bench.ceilings", "").strip())) {
            problems.add("PETITIONS_BENCH_CEILINGS is true: the benchmark's flag opens an unauthenticated write. "
                    + "Remove it (and run the product's jar, not petitions-bench.jar).");
        }
        return problems;
    }

    private static void checkDatabase(Map<String, String> env, List<String> problems) {
        String url = env.getOrDefault("DATASOURCES_DEFAULT_URL", "");
        if (url.isBlank()) {
            problems.add("DATASOURCES_DEFAULT_URL is not set. Set it to your MySQL database, "
                    + "e.g. jdbc:mysql://db.internal:3306/petitions?sslMode=VERIFY_IDENTITY");
        } else if (!url.startsWith("jdbc:mysql://")) {
            problems.add("DATASOURCES_DEFAULT_URL must be a MySQL URL, jdbc:mysql://HOST:3306/DATABASE "
                    + "(also for MariaDB, which the MySQL driver serves).");
        } else if (!MysqlUrl.verifiesServer(url) && !MysqlUrl.onlyLoopback(url) && !accepted(env, ACCEPT_UNVERIFIED_DATABASE_TLS)) {
            problems.add("DATASOURCES_DEFAULT_URL does not verify the database server's TLS certificate: add "
                    + "sslMode=VERIFY_IDENTITY (or VERIFY_CA) to it, e.g. jdbc:mysql://db.internal:3306/petitions"
                    + "?sslMode=VERIFY_IDENTITY, with the server's CA in the JVM's trust store (or trustCertificateKeyStoreUrl). "
                    + "Only if the network to the database is trusted: " + ACCEPT_UNVERIFIED_DATABASE_TLS + "=true.");
        }
    }

    private static void checkPublicAddress(Map<String, String> env, List<String> problems) {
        String base = env.getOrDefault("PUBLIC_BASE_URL", "").strip();
        if (base.isEmpty()) {
            problems.add("PUBLIC_BASE_URL is not set. Confirmation links need it, e.g. https://sign.example.org");
            return;
        }
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            problems.add("PUBLIC_BASE_URL is not an address: " + e.getMessage() + ". E.g. https://sign.example.org");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add("PUBLIC_BASE_URL must be an https:// address, e.g. https://sign.example.org");
        } else if (scheme.equals("http") && !LoopbackHosts.isLoopback(uri.getHost()) && !accepted(env, ACCEPT_HTTP)) {
            problems.add("PUBLIC_BASE_URL is http://: confirmation links and session cookies would cross the network "
                    + "in clear. Serve the site over TLS and set PUBLIC_BASE_URL=https://" + uri.getHost()
                    + ". Only for a closed test: " + ACCEPT_HTTP + "=true.");
        }
    }

    private static void checkSmtp(Map<String, String> env, List<String> problems) {
        String host = env.getOrDefault("SMTP_HOST", "").strip();
        if (host.isEmpty()) {
            problems.add("SMTP_HOST is not set. Without it no confirmation email can reach a signer.");
        } else if (!"true".equalsIgnoreCase(env.getOrDefault("SMTP_STARTTLS", "").strip())
                && !LoopbackHosts.isLoopback(host) && !accepted(env, ACCEPT_SMTP_WITHOUT_TLS)) {
            problems.add("SMTP_STARTTLS is not true: emails (signers' addresses, confirmation links) and the SMTP "
                    + "password would reach " + host + " in clear. Set SMTP_STARTTLS=true (the server's certificate "
                    + "is then verified), or relay through a mail server on this host (SMTP_HOST=127.0.0.1). "
                    + "Only if the network to it is trusted: " + ACCEPT_SMTP_WITHOUT_TLS + "=true.");
        }
    }

    private static void checkMasterSecret(Map<String, String> env, List<String> problems) {
        try {
            new MasterSecrets(new MasterSecretSettings(env.get("MASTER_SECRET"), env.get("MASTER_SECRET_FILE"),
                    env.get("MASTER_SECRET_PREVIOUS"), env.get("MASTER_SECRET_PREVIOUS_FILE")), true);
        } catch (RuntimeException e) {
            problems.add(e.getMessage() + ". Every signing key is derived from it, so none is kept in the database "
                    + "(README, 'Keys').");
        }
    }

    private static boolean accepted(Map<String, String> env, String setting) {
        return "true".equalsIgnoreCase(env.getOrDefault(setting, "").strip());
    }

    static boolean isProduction(Map<String, String> env, Properties systemProperties) {
        String names = env.getOrDefault("MICRONAUT_ENVIRONMENTS", "") + ","
                + systemProperties.getProperty("micronaut.environments", "");
        return Arrays.stream(names.split(",")).map(String::trim).anyMatch("prod"::equals);
    }
}
