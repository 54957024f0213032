package org.cfcr.petitions.kernel.db;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No value handed out is older than the freshness while the loader answers; the last one when it does not. */
class FreshCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final FreshCache<String, Integer> cache = new FreshCache<>(Duration.ofSeconds(2), 10, ForkJoinPool.commonPool(), key -> {
        if (databaseDown.get()) {
            throw new IllegalStateException("database down");
        }
        return loads.incrementAndGet();
    }, now::get);

    private void wait(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void a_value_older_than_the_freshness_is_read_again_before_it_is_handed_out() {
        assertEquals(1, cache.get("campaign"));
        wait(Duration.ofMillis(900));
        assertEquals(1, cache.getIfFresh("campaign"));
        wait(Duration.ofMillis(1200));
        // a read may set off a reload in the background: what it hands out is that, or nothing
        Integer seen = cache.getIfFresh("campaign");
        assertTrue(seen == null || seen >= 2, "handed out a value older than the freshness: " + seen);
        int value = cache.get("campaign");
        assertTrue(value >= 2, "a reader that may wait gets it read again");
        assertEquals(loads.get(), value);
    }

    @Test
    void when_the_database_does_not_answer_the_last_value_is_handed_out() throws InterruptedException {
        assertEquals(1, cache.get("campaign"));
        databaseDown.set(true);
        wait(Duration.ofSeconds(10));
        assertEquals(1, cache.get("campaign"));
        databaseDown.set(false);
        // the reload that failed a moment ago is forgotten in the background, on the reloads' pool;
        // the read that sees the stale value may set off Caffeine's own reload beside its own, so
        // the value may have been read twice by the time it is handed out
        int value = cache.get("campaign");
        for (int tries = 0; value == 1 && tries < 200; tries++) {
            Thread.sleep(10);
            value = cache.get("campaign");
        }
        assertTrue(value >= 2, "once the database answers, the value is read again, but was " + value);
    }

    @Test
    void an_invalidated_key_is_read_again_at_once() {
        assertEquals(1, cache.get("campaign"));
        cache.invalidate("campaign");
        assertEquals(2, cache.get("campaign"));
    }

    /** What a request's thread carries, as a transaction's connection does. */
    private record ReadersTransaction(String name) implements PropagatedContextElement {
    }

    @Test
    void a_reload_started_by_a_reader_in_a_transaction_does_not_join_it() throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // as Micronaut's executors do: each task runs in the context of the thread that handed it in
            Executor propagating = task -> pool.execute(PropagatedContext.getOrEmpty().wrap(task));
            List<Optional<ReadersTransaction>> seenByLoads = new CopyOnWriteArrayList<>();
            FreshCache<String, Integer> reloaded = new FreshCache<>(Duration.ofSeconds(2), 10, propagating, key -> {
                seenByLoads.add(PropagatedContext.find().flatMap(context -> context.find(ReadersTransaction.class)));
                return seenByLoads.size();
            }, now::get);
            try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
                    .plus(new ReadersTransaction("the reader's")).propagate()) {
                assertEquals(1, reloaded.get("campaign"));
                wait(Duration.ofSeconds(3));
                // too old: read again on the pool while the reader waits (Caffeine may start a reload of its own beside it)
                assertTrue(reloaded.get("campaign") >= 2);
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
            assertEquals(Optional.of(new ReadersTransaction("the reader's")), seenByLoads.get(0),
                    "the first load runs on the reader's thread, in its transaction");
            assertEquals(List.of(Optional.empty()), seenByLoads.subList(1, seenByLoads.size()).stream().distinct().toList(),
                    "a reload runs on the pool, in no transaction: " + seenByLoads);
        } finally {
            pool.shutdownNow();
        }
    }
}
