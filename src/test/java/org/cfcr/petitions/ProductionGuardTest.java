package org.cfcr.petitions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductionGuardTest {

    private static final Properties NO_PROPERTIES = new Properties();
    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    /** Everything production needs, safely set; each test spoils one thing. */
    private static Map<String, String> safe() {
        Map<String, String> env = new HashMap<>();
        env.put("MICRONAUT_ENVIRONMENTS", "prod");
        env.put("DATASOURCES_DEFAULT_URL", "jdbc:mysql://db.internal:3306/petitions?sslMode=VERIFY_IDENTITY");
        env.put("PUBLIC_BASE_URL", "https://sign.example.org");
        env.put("SMTP_HOST", "smtp.example.org");
        env.put("SMTP_STARTTLS", "true");
        env.put("MASTER_SECRET", SECRET);
        return env;
    }

    private static List<String> problems(Map<String, String> env) {
        return ProductionGuard.problems(env, NO_PROPERTIES);
    }

    /** The one problem found, which must name the setting. */
    private static String theProblem(Map<String, String> env, String setting) {
        List<String> problems = problems(env);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(setting), problems.get(0));
        return problems.get(0);
    }

    @Test
    void production_without_a_database_url_is_refused_with_a_clear_message() {
        Map<String, String> env = safe();
        env.remove("DATASOURCES_DEFAULT_URL");
        assertTrue(theProblem(env, "DATASOURCES_DEFAULT_URL").startsWith("DATASOURCES_DEFAULT_URL is not set"));
    }

    @Test
    void production_on_an_embedded_database_is_refused() {
        Map<String, String> env = safe();
        env.put("MICRONAUT_ENVIRONMENTS", "cloud,prod");
        env.put("DATASOURCES_DEFAULT_URL", "jdbc:h2:file:./data/x");
        assertTrue(theProblem(env, "DATASOURCES_DEFAULT_URL").contains("must be a MySQL URL"));
    }

    @Test
    void a_complete_production_setup_and_the_embedded_default_both_start() {
        assertEquals(List.of(), problems(safe()));
        assertEquals(0, ProductionGuard.problems(Map.of(), NO_PROPERTIES).size());
    }

    @Test
    void the_environment_can_also_come_from_a_system_property() {
        Properties properties = new Properties();
        properties.setProperty("micronaut.environments", "prod");
        assertEquals(4, ProductionGuard.problems(Map.of(), properties).size(), "database, address, SMTP, master secret");
    }

    // Keys

    @Test
    void production_without_a_master_secret_is_refused() {
        Map<String, String> env = safe();
        env.remove("MASTER_SECRET");
        assertTrue(theProblem(env, "MASTER_SECRET").contains("openssl rand -base64 32"));
    }

    @Test
    void a_master_secret_too_short_or_not_base64_is_refused() {
        Map<String, String> env = safe();
        env.put("MASTER_SECRET", Base64.getEncoder().encodeToString(new byte[16]));
        assertTrue(theProblem(env, "MASTER_SECRET").contains("at least 32"));
        env.put("MASTER_SECRET", "correct horse battery staple, but not base64!");
        assertTrue(theProblem(env, "MASTER_SECRET").contains("not base64"));
    }

    @Test
    void a_master_secret_file_that_does_not_exist_is_named(@TempDir Path folder) throws IOException {
        Map<String, String> env = safe();
        env.remove("MASTER_SECRET");
        Path file = folder.resolve("master.key");
        env.put("MASTER_SECRET_FILE", file.toString());
        assertTrue(theProblem(env, "MASTER_SECRET").contains(file + " does not exist"));
        Files.writeString(file, SECRET + "\n");
        assertEquals(List.of(), problems(env));
    }

    @Test
    void a_previous_master_secret_file_that_does_not_exist_is_named(@TempDir Path folder) {
        Map<String, String> env = safe();
        env.put("MASTER_SECRET_PREVIOUS_FILE", folder.resolve("previous.key").toString());
        assertTrue(theProblem(env, "MASTER_SECRET_PREVIOUS_FILE").contains("does not exist"));
    }

    @Test
    void a_previous_master_secret_alone_is_refused() {
        Map<String, String> env = safe();
        env.remove("MASTER_SECRET");
        env.put("MASTER_SECRET_PREVIOUS", SECRET);
        theProblem(env, "MASTER_SECRET");
    }

    // The public address

    @Test
    void an_http_public_address_is_refused_unless_on_loopback_or_accepted() {
        Map<String, String> env = safe();
        env.put("PUBLIC_BASE_URL", "http://sign.example.org");
        assertTrue(theProblem(env, "PUBLIC_BASE_URL").contains("https://sign.example.org"));
        env.put("PUBLIC_BASE_URL", "HTTP://[::ffff:7f00:1]:8080");
        assertEquals(List.of(), problems(env), "an IPv4 loopback address written as IPv6");
        for (String local : List.of("http://localhost:8080", "http://127.0.0.1", "http://127.8.9.10:80", "http://[::1]:8080")) {
            env.put("PUBLIC_BASE_URL", local);
            assertEquals(List.of(), problems(env), local);
        }
        for (String lookalike : List.of("http://localhost.example.org", "http://127.0.0.1.nip.io", "http://128.0.0.1",
                "http://[::2]", "http://0x7f000001")) {
            env.put("PUBLIC_BASE_URL", lookalike);
            theProblem(env, "PUBLIC_BASE_URL");
        }
        env.put("PUBLIC_BASE_URL", "http://sign.example.org");
        env.put("PROD_ACCEPT_HTTP", "true");
        assertEquals(List.of(), problems(env));
    }

    @Test
    void a_public_address_that_is_not_a_web_address_is_refused() {
        Map<String, String> env = safe();
        for (String wrong : List.of("sign.example.org", "ftp://sign.example.org", "https://", "https://exa mple.org")) {
            env.put("PUBLIC_BASE_URL", wrong);
            theProblem(env, "PUBLIC_BASE_URL");
        }
    }

    // SMTP

    @Test
    void smtp_without_starttls_is_refused_unless_a_local_relay_or_accepted() {
        Map<String, String> env = safe();
        env.remove("SMTP_STARTTLS");
        assertTrue(theProblem(env, "SMTP_STARTTLS").contains("SMTP_STARTTLS=true"));
        env.put("SMTP_STARTTLS", "false");
        theProblem(env, "SMTP_STARTTLS");
        env.put("SMTP_HOST", "127.0.0.1");
        assertEquals(List.of(), problems(env), "a relay on this host");
        env.put("SMTP_HOST", "localhost");
        assertEquals(List.of(), problems(env));
        env.put("SMTP_HOST", "mail.internal");
        env.put("PROD_ACCEPT_SMTP_WITHOUT_TLS", "true");
        assertEquals(List.of(), problems(env));
    }

    // The database's TLS

    @Test
    void a_database_connection_that_does_not_verify_the_server_is_refused() {
        Map<String, String> env = safe();
        for (String unverified : List.of("jdbc:mysql://db.internal:3306/petitions",
                "jdbc:mysql://db.internal:3306/petitions?sslMode=REQUIRED",
                "jdbc:mysql://db.internal:3306/petitions?sslMode=PREFERRED",
                "jdbc:mysql://db.internal/petitions?sslMode=VERIFY_IDENTITY&sslMode=DISABLED",
                "jdbc:mysql://db.internal/petitions?useSSL=true&requireSSL=true",
                "jdbc:mysql://127.0.0.1:3306,db.internal:3306/petitions")) {
            env.put("DATASOURCES_DEFAULT_URL", unverified);
            assertTrue(theProblem(env, "DATASOURCES_DEFAULT_URL").contains("sslMode=VERIFY_IDENTITY"), unverified);
        }
    }

    @Test
    void a_verified_a_local_or_an_accepted_database_connection_starts() {
        Map<String, String> env = safe();
        for (String fine : List.of("jdbc:mysql://db.internal:3306/petitions?sslMode=VERIFY_CA",
                "jdbc:mysql://db.internal:3306/petitions?useUnicode=true&sslMode=verify_identity",
                "jdbc:mysql://127.0.0.1:3306/petitions", "jdbc:mysql://localhost/petitions",
                "jdbc:mysql://[::1]:3306/petitions?sslMode=DISABLED", "jdbc:mysql://127.0.0.1,localhost:3307/petitions")) {
            env.put("DATASOURCES_DEFAULT_URL", fine);
            assertEquals(List.of(), problems(env), fine);
        }
        env.put("DATASOURCES_DEFAULT_URL", "jdbc:mysql://db.internal:3306/petitions");
        env.put("PROD_ACCEPT_UNVERIFIED_DATABASE_TLS", "true");
        assertEquals(List.of(), problems(env));
    }

    // The benchmark

    @Test
    void the_benchmarks_flag_is_refused_and_no_setting_accepts_it() {
        Map<String, String> env = safe();
        env.put("PETITIONS_BENCH_CEILINGS", "true");
        env.put("PROD_ACCEPT_HTTP", "true");
        env.put("PROD_ACCEPT_SMTP_WITHOUT_TLS", "true");
        env.put("PROD_ACCEPT_UNVERIFIED_DATABASE_TLS", "true");
        theProblem(env, "PETITIONS_BENCH_CEILINGS");
        Properties properties = new Properties();
        properties.setProperty("petitions.bench.ceilings", "true");
        assertEquals(1, ProductionGuard.problems(safe(), properties).size());
    }
}
