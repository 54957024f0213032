package org.cfcr.petitions.kernel.db;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
        if (!isMysqlFamily(pool)) {
            flyway(pool, false).migrate(); // the embedded database: one node by design
            return;
        }
        try (MigrationLease ignored = MigrationLease.take(pool, PATIENCE)) {
            flyway(pool, holdsOnlyTheLease(pool)).migrate();
        }
    }

    /**
     * A new database holds the lease's table before any migration, and Flyway refuses a schema
     * that is not empty: there, and only there, it records a baseline below every migration
     * (version 0) and runs them all. Any other schema without Flyway's history is still refused
     * (a URL pointing at the wrong database is not migrated into).
     */
    private static Flyway flyway(DataSource pool, boolean newDatabase) {
        return Flyway.configure().dataSource(pool).locations(LOCATION)
                .baselineOnMigrate(newDatabase).baselineVersion("0").load();
    }

    private static boolean holdsOnlyTheLease(DataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables "
                     + "WHERE table_schema = DATABASE() AND table_name <> '" + MigrationLease.TABLE + "'")) {
            return tables.next() && tables.getLong(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException("The database does not answer: " + e.getMessage(), e);
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
