package org.cfcr.petitions.kernel.db;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Connector/J settings: UTC for all times, and fewer round trips on every transaction (it
 * remembers the session's autocommit and isolation instead of asking the server, and caches
 * statements). Added to MySQL
 * and MariaDB URLs only, so that a deployment's DATASOURCES_DEFAULT_URL needs no parameters, and
 * left out for the embedded H2 database, whose driver refuses settings it does not know.
 */
@Singleton
class MysqlConnectionTuning implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final Map<String, String> PROPERTIES = Map.ofEntries(
            // times are written and read as UTC whatever each node's time zone: leases, expiries and
            // retries compare correctly across nodes and across daylight-saving changes
            Map.entry("connectionTimeZone", "UTC"),
            // a database that stops answering (rather than refusing) must not hold threads for
            // the kernel's TCP timeout of many minutes
            Map.entry("connectTimeout", "3000"),
            Map.entry("socketTimeout", "30000"),
            Map.entry("useLocalSessionState", "true"),
            Map.entry("useLocalTransactionState", "true"),
            Map.entry("cachePrepStmts", "true"),
            Map.entry("prepStmtCacheSize", "250"),
            Map.entry("prepStmtCacheSqlLimit", "2048"),
            Map.entry("cacheServerConfiguration", "true"),
            Map.entry("maintainTimeStats", "false"),
            Map.entry("rewriteBatchedStatements", "true"),
            Map.entry("characterEncoding", "UTF-8"));

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        String url = configuration.getUrl();
        if (url != null && (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:"))) {
            PROPERTIES.forEach((name, value) -> {
                if (!url.contains(name + "=")) {
                    configuration.addDataSourceProperty(name, value);
                }
            });
        }
        return configuration;
    }
}
