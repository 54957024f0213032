package org.cfcr.petitions.kernel.db;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Migrates the schema (Flyway, migrations/ packaged as db/migration) when the database's pool is
 * created, before any bean can use it, under a {@link MigrationLease} on MySQL and MariaDB, so
 * that nodes starting together on one server or on a cluster migrate one after the other: the
 * first migrates, the others find nothing left to do. Micronaut's own Flyway runner is off
 * (application.yml), since it cannot be wrapped in the lease.
 */
@Singleton
class SchemaMigrations implements BeanCreatedEventListener<DataSource> {

    static final String LOCATION = "classpath:db/migration";
    /** a migration of a big table can take minutes; a node waiting longer than this stops and says why */
    static final Duration PATIENCE = Duration.ofMinutes(30);

    private final Set<DataSource> migrated = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource pool = DelegatingDataSource.unwrapDataSource(event.getBean());
        if (migrated.add(pool)) {
            migrate(pool);
        }
        return event.getBean();
    }

    static void migrate(DataSource pool) {
        // the lease's table comes before any migration, so a new database is not empty when Flyway
        // first looks: it records a baseline below every migration (version 0) and runs them all
        Flyway flyway = Flyway.configure().dataSource(pool).locations(LOCATION)
                .baselineOnMigrate(true).baselineVersion("0").load();
        if (!isMysqlFamily(pool)) {
            flyway.migrate(); // the embedded database: one node by design
            return;
        }
        try (MigrationLease ignored = MigrationLease.take(pool, PATIENCE)) {
            flyway.migrate();
        }
    }

    private static boolean isMysqlFamily(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return product.contains("MySQL") || product.contains("MariaDB");
        } catch (SQLException e) {
            throw new IllegalStateException("The database does not answer: " + e.getMessage(), e);
        }
    }
}
