package org.cfcr.petitions.web;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys that every node must share, kept in the database: the first node to need one creates it,
 * the others read the same. Nodes stay interchangeable without a secret to configure.
 */
@Singleton
public class SharedSecrets {

    private final Sql sql;
    private final Clock clock;
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    public SharedSecrets(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public byte[] get(String name) {
        return loaded.computeIfAbsent(name, this::loadOrCreate);
    }

    /** Read committed: after losing the race to create it, this reads the other node's committed key. */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    protected byte[] loadOrCreate(String name) {
        return find(name).orElseGet(() -> {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            try {
                sql.update("INSERT INTO app_secret (name, secret, created_at) VALUES (?, ?, ?)",
                        name, secret, Instant.now(clock));
                return secret;
            } catch (Sql.DuplicateKeyException anotherNodeWasFaster) {
                return find(name).orElseThrow();
            }
        });
    }

    private java.util.Optional<byte[]> find(String name) {
        return sql.one("SELECT secret FROM app_secret WHERE name = ?", row -> row.getBytes("secret"), name);
    }
}
