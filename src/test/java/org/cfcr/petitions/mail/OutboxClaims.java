package org.cfcr.petitions.mail;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Claims on the outbox for a journey that plays another node's sender; the store stays package-private. */
@Singleton
public final class OutboxClaims {

    private final OutboxStore store;

    OutboxClaims(OutboxStore store) {
        this.store = store;
    }

    public List<QueuedEmail> claim(String node, Instant now, int limit, Duration lease) {
        return store.claim(node, now, now, limit, lease);
    }
}
