package org.cfcr.petitions.kernel.db;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Whether this node's database answers a query, and if not, why, in words an operator can act on.
 * A Galera node that is joining or cut off from the cluster accepts connections but refuses
 * queries (1047), so a connection alone proves nothing.
 *
 * <p>A database that does not answer makes the node DEGRADED, not DOWN: it stays in rotation.
 * Every node shares the database, so taking them out would leave the load balancer answering on
 * their behalf, while the nodes still serve pages and counts from memory and tell signers to try
 * again (503 with Retry-After). The check runs every few seconds, not per probe: a probe is
 * answered at once, however busy the pool.
 */
@Singleton
class DatabaseHealth implements HealthIndicator {

    /** worse than UP and better than DOWN when the readiness checks are summed up, and answered 200 */
    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED", "the database does not answer", null, 500);

    private final DataSource pool;
    private final AtomicReference<HealthResult> last = new AtomicReference<>(
            HealthResult.builder("database", HealthStatus.UNKNOWN).details(Map.of("problem", "Not checked yet.")).build());

    DatabaseHealth(DataSource dataSource) {
        // the pool itself: the injected one hands out only the connection of a running transaction
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.just(last.get());
    }

    @Scheduled(fixedDelay = "2s")
    void check() {
        long started = System.nanoTime();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checkedAt", Instant.now().toString());
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("SELECT 1");
            details.put("answeredInMs", (System.nanoTime() - started) / 1_000_000);
            last.set(HealthResult.builder("database", HealthStatus.UP).details(details).build());
        } catch (SQLException | RuntimeException e) {
            details.put("problem", problem(e));
            details.put("error", DatabaseTrouble.describe(e));
            last.set(HealthResult.builder("database", DEGRADED).details(details).build());
        }
    }

    private static String problem(Throwable e) {
        if (DatabaseTrouble.isClusterNodeNotReady(e)) {
            return "The database node refuses queries: it is joining the cluster or cut off from it (Galera error 1047).";
        }
        if (DatabaseTrouble.isUnavailable(e)) {
            return "The database does not answer: no connection within the pool's timeout. Signers get 503 with "
                    + "Retry-After until it is back.";
        }
        return "The database answered a trivial query with an error.";
    }
}
