package org.cfcr.petitions.api;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.count.CountHistory;
import org.cfcr.petitions.count.HistoryRange;
import org.cfcr.petitions.kernel.web.ApiErrors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/campaigns/{slug}/history?from=&to=&step=minute|hour|day}: the count over time. */
@Tag(name = "Counts")
@Controller("/api/v1/campaigns/{slug}/history")
@ExecuteOn(TaskExecutors.BLOCKING)
class CountHistoryController {

    private final CampaignCatalog catalog;
    private final CountHistory history;
    private final ApiErrors errors;
    private final Clock clock;
    /** Ranges end at a whole step, so a crowd asking for "the last 48 hours" shares one answer a minute. */
    private final LoadingCache<Key, Series> series;

    CountHistoryController(CampaignCatalog catalog, CountHistory history, ApiErrors errors, Clock clock) {
        this.catalog = catalog;
        this.history = history;
        this.errors = errors;
        this.clock = clock;
        this.series = Caffeine.newBuilder().maximumSize(1000).expireAfterWrite(Duration.ofSeconds(30)).build(this::load);
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
                    + "At most 1,500 points.")
    @ApiResponse(responseCode = "400", description = "A wrong step, time or range, with a message")
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
        return HttpResponse.ok(series.get(new Key(campaign.id(), slug, range)));
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
