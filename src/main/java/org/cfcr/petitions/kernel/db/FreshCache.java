package org.cfcr.petitions.kernel.db;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.Caches;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A cache of database reads that a crowd shares, with a promise on age: while the database
 * answers, no value handed out is older than {@code freshness}; when it does not, the last known
 * value is handed out rather than an error (degraded mode). Busy keys are reloaded in the
 * background after half the freshness, so their readers never wait; a key read rarely is reloaded
 * while its reader waits, once it is too old.
 * <p>
 * Reloads run on the executor given, a pool that may block on the database, with none of the
 * reader's context ({@link Caches#reloadingOn}), and read in a transaction of their own. Caffeine's
 * default would be the common fork-join pool, which a two-processor machine gives one thread, and
 * then CompletableFuture starts a new thread for every reload instead: a sixth of what a crowd of
 * unknown addresses cost (async-profiler, bench/run's not-found row).
 */
public final class FreshCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final LoadingCache<K, Entry<V>> cache;
    private final long freshnessNanos;
    private final Duration waitForReload;
    private final LongSupplier nanoTime;

    public FreshCache(Duration freshness, long maximumSize, Executor reloads, Function<K, V> loader) {
        this(freshness, maximumSize, reloads, loader, System::nanoTime);
    }

    FreshCache(Duration freshness, long maximumSize, Executor reloads, Function<K, V> loader, LongSupplier nanoTime) {
        this.freshnessNanos = freshness.toNanos();
        this.waitForReload = Duration.ofSeconds(5);
        this.nanoTime = nanoTime;
        this.cache = Caches.builder().maximumSize(maximumSize).refreshAfterWrite(freshness.dividedBy(2))
                .ticker(nanoTime::getAsLong)
                .build(Caches.<K, Entry<V>>reloadingOn(reloads,
                        key -> new Entry<>(loader.apply(key), nanoTime.getAsLong())));
    }

    /** The value, at most {@code freshness} old unless the database fails to answer; may wait for it. */
    public V get(K key) {
        Entry<V> entry = cache.get(key);
        if (isFresh(entry)) {
            return entry.value();
        }
        try {
            return cache.refresh(key).get(waitForReload.toMillis(), TimeUnit.MILLISECONDS).value();
        } catch (ExecutionException | TimeoutException databaseTrouble) {
            return entry.value(); // the last known value: better than no page at all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return entry.value();
        }
    }

    /** The value if it is in memory and fresh, without ever waiting; null otherwise (then call {@link #get}). */
    @Nullable
    public V getIfFresh(K key) {
        Entry<V> entry = cache.getIfPresent(key);
        return entry != null && isFresh(entry) ? entry.value() : null;
    }

    /** The next read loads the key again. */
    public void invalidate(K key) {
        cache.invalidate(key);
    }

    private boolean isFresh(Entry<V> entry) {
        return nanoTime.getAsLong() - entry.loadedAt() < freshnessNanos;
    }
}
