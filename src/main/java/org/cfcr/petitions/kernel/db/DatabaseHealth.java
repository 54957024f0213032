package org.cfcr.petitions.kernel.db;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;

/**
 * Readiness: whether this node's database answers a query, and if not, why, in words an operator
 * can act on. A Galera node that is joining or cut off from the cluster accepts connections but
 * refuses queries (1047), so a connection alone proves nothing. The probe's failure threshold
 * (deploy/) decides how long the database may be away before the node is taken out of rotation;
 * meanwhile the service answers 503 with Retry-After itself.
 */
@Singleton
class DatabaseHealth implements HealthIndicator {

    private final DataSource dataSource;
    private final ExecutorService blocking;

    DatabaseHealth(DataSource dataSource, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        // the pool itself: the injected one hands out only the connection of a running transaction
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.blocking = blocking;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.fromExecutorService(blocking));
    }

    private HealthResult check() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("SELECT 1");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("answeredInMs", (System.nanoTime() - started) / 1_000_000);
            return HealthResult.builder("database", HealthStatus.UP).details(details).build();
        } catch (SQLException | RuntimeException e) {
            return HealthResult.builder("database", HealthStatus.DOWN)
                    .details(Map.of("problem", problem(e), "error", DatabaseTrouble.describe(e)))
                    .build();
        }
    }

    private static String problem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == DatabaseTrouble.GALERA_NODE_NOT_READY) {
                return "The database node refuses queries: it is joining the cluster or cut off from it (Galera error 1047).";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (DatabaseTrouble.isUnavailable(e)) {
            return "The database does not answer: no connection within the pool's timeout. Signers get 503 with "
                    + "Retry-After until it is back.";
        }
        return "The database answered with an error to a trivial query.";
    }
}
