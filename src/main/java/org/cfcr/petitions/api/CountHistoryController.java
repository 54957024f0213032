package org.cfcr.petitions.api;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bucket;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.count.CountHistory;
import org.cfcr.petitions.count.HistoryRange;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.web.ApiErrors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** {@code GET /api/v1/campaigns/{slug}/history?from=&to=&step=minute|hour|day}: the count over time. */
@Tag(name = "Counts")
@Controller("/api/v1/campaigns/{slug}/history")
@ExecuteOn(TaskExecutors.BLOCKING)
class CountHistoryController {

    private final CampaignCatalog catalog;
    private final CountHistory history;
    private final ApiErrors errors;
    private final Clock clock;
    /**
     * Series computed at once on this node; past them {@link #WAITING} requests wait a little in
     * line, and the rest are told at once to retry (a flood of new ranges otherwise parked a thread
     * per request).
     */
    static final int COMPUTED_AT_ONCE = 1;
    static final int WAITING = 4;
    static final Duration WAIT_FOR_TURN = Duration.ofMillis(500);
    /**
     * New series computed a second on this node, after a burst of {@link #COMPUTED_IN_A_BURST}. The
     * longest is 1,500 index seeks scattered over the campaign's history: about 60 ms of the
     * database's time when its pages are in memory, far more when they are not, and every seek
     * then pushes signers' pages out of the buffer pool. bench/bounds's history flood cost signers'
     * p99 0.9 to 1.4 s at four a second, 0.4 s at one. A crowd asking for the same ranges is served
     * from the cache, and ranges end at a whole step.
     */
    static final int COMPUTED_PER_SECOND = 1;
    static final int COMPUTED_IN_A_BURST = 4;
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    /** How old a series read again may be before it is computed anew (its reader still gets the one before). */
    static final Duration FRESHNESS = Duration.ofSeconds(30);
    /** A series no one read for this long is computed anew on the next read, with a turn. */
    static final Duration KEPT_UNREAD = Duration.ofMinutes(2);
    /** Points kept in the cache in all (about 100 bytes each): 66 of the longest series, or 2,000 of the default. */
    static final long CACHED_POINTS = 100_000;

    /**
     * Ranges end at a whole step, so a crowd asking for "the last 48 hours" shares one answer a
     * minute. Distinct ranges each cost a computation, but its work is bounded (one index seek per
     * point, CountHistory), only {@link #COMPUTED_AT_ONCE} runs at once and {@link #COMPUTED_PER_SECOND}
     * a second (a pool connection each, and the database's time, which signers need), and the cache
     * is bounded by points, not by entries.
     */
    private final LoadingCache<Key, Series> series;
    private final Semaphore turns = new Semaphore(COMPUTED_AT_ONCE, true);
    private final Semaphore line = new Semaphore(WAITING);
    private final Bucket computations = Bucket.builder()
            .addLimit(limit -> limit.capacity(COMPUTED_IN_A_BURST).refillGreedy(COMPUTED_PER_SECOND, Duration.ofSeconds(1)))
            .build();

    CountHistoryController(CampaignCatalog catalog, CountHistory history, ApiErrors errors, Clock clock,
                           @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.catalog = catalog;
        this.history = history;
        this.errors = errors;
        this.clock = clock;
        // A series read often is computed again in the background while the crowd keeps the one
        // before: at expiry, every reader at once was sent to the turns (503s). The background
        // computation takes a turn and the second's allowance like any other, without waiting;
        // when there is none, the series is kept as it is for another FRESHNESS.
        this.series = Caches.builder().maximumWeight(CACHED_POINTS)
                .weigher((Key key, Series value) -> 1 + value.points().size())
                .refreshAfterWrite(FRESHNESS).expireAfterWrite(KEPT_UNREAD)
                .build(Caches.reloadingOn(blocking, new CacheLoader<Key, Series>() {
                    @Override
                    public Series load(Key key) {
                        return CountHistoryController.this.load(key);
                    }

                    @Override
                    public Series reload(Key key, Series before) {
                        if (!takeTurnNow()) {
                            return before;
                        }
                        try {
                            return CountHistoryController.this.load(key);
                        } finally {
                            turns.release();
                        }
                    }
                }));
    }

    private record Key(long campaignId, String slug, HistoryRange range) {
    }

    @Serdeable
    record Point(String at, long signatureCount) {
    }

    @Serdeable
    record Series(String slug, String step, String from, String to, List<Point> points) {
    }

    @Operation(summary = "The confirmed count over time",
            description = "step is minute, hour (default) or day; from and to are UTC times (2026-11-27T10:00:00Z) or "
                    + "dates (2026-11-27), rounded down to the step. Defaults: the last hour, 48 hours or 60 days. "
                    + "At most 1,500 points. An answer is about 30 seconds old while its range is read often, "
                    + "at most two minutes otherwise (longer only while this server is busy computing others).")
    @ApiResponse(responseCode = "400", description = "A wrong step, time or range, with a message")
    @ApiResponse(responseCode = "503", description = "This server is computing as many histories as it takes; see Retry-After")
    @Get
    HttpResponse<?> series(String slug, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                           @Nullable @QueryValue String step, HttpRequest<?> request) {
        Campaign campaign = catalog.requirePublic(slug);
        HistoryRange range;
        try {
            range = HistoryRange.parse(step, from, to, Instant.now(clock));
        } catch (HistoryRange.Invalid invalid) {
            return errors.badRequest(request, invalid.messageKey(), Map.of());
        }
        Key key = new Key(campaign.id(), slug, range);
        Series cached = series.getIfPresent(key);
        if (cached != null) {
            return HttpResponse.ok(cached);
        }
        if (!takeTurn()) {
            return errors.respond(request, HttpStatus.SERVICE_UNAVAILABLE, "api.error.history.busy", Map.of())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
        }
        try {
            return HttpResponse.ok(series.get(key));
        } finally {
            turns.release();
        }
    }

    /** A turn and the second's allowance if both are free now; nothing is taken otherwise. */
    private boolean takeTurnNow() {
        if (!computations.tryConsume(1)) {
            return false;
        }
        if (!turns.tryAcquire()) {
            computations.addTokens(1);
            return false;
        }
        return true;
    }

    /** In line, a request waits a little for the second's allowance and for a turn; a full line refuses at once. */
    private boolean takeTurn() {
        if (!line.tryAcquire()) {
            return false;
        }
        try {
            if (!computations.asBlocking().tryConsume(1, WAIT_FOR_TURN)) {
                return false;
            }
            if (!turns.tryAcquire(WAIT_FOR_TURN.toMillis(), TimeUnit.MILLISECONDS)) {
                computations.addTokens(1); // nothing computed: the allowance goes back
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            line.release();
        }
    }

    private Series load(Key key) {
        HistoryRange range = key.range();
        List<Point> points = history.series(key.campaignId(), range.from(), range.to(), range.step()).stream()
                .map(p -> new Point(p.at().toString(), p.count()))
                .toList();
        return new Series(key.slug(), stepName(range), range.from().toString(), range.to().toString(), points);
    }

    private static String stepName(HistoryRange range) {
        return switch (range.step()) {
            case MINUTES -> "minute";
            case HOURS -> "hour";
            default -> "day";
        };
    }
}
