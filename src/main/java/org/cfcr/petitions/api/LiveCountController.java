package org.cfcr.petitions.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.count.LiveCounts;
import org.cfcr.petitions.count.PublicCounts;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /api/v1/campaigns/{slug}/live}: a server-sent event stream of the confirmed count.
 * The current count comes at once ({@code event: count}), then each change within a second (at most four a second),
 * and a {@code heartbeat} every 15 seconds so that proxies keep the connection and clients notice
 * a dead one. An idle subscriber holds one connection and nothing else.
 */
@Tag(name = "Counts")
@Controller("/api/v1/campaigns/{slug}/live")
class LiveCountController {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final CampaignCatalog catalog;
    private final PublicCounts counts;
    private final LiveCounts live;

    LiveCountController(CampaignCatalog catalog, PublicCounts counts, LiveCounts live) {
        this.catalog = catalog;
        this.counts = counts;
        this.live = live;
    }

    @Serdeable
    record LiveCount(String slug, long signatureCount, boolean stale, String at) {
    }

    @Operation(summary = "Live count (server-sent events)",
            description = "event: count at once and after each change (within a second, at most four a second); event: heartbeat "
                    + "every 15 seconds. Data: {slug, signatureCount, stale, at}; stale=true while the database "
                    + "cannot be reached and the count is the last known one.")
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    Publisher<Event<LiveCount>> stream(String slug) {
        Campaign campaign = catalog.requirePublic(slug);
        long id = campaign.id();
        Flux<Event<LiveCount>> now = Flux.defer(() -> Flux.just(event("count", slug, counts.confirmed(id))));
        Flux<Event<LiveCount>> changes = live.changes()
                .filter(change -> change.campaignId() == id)
                .map(change -> event("count", slug, change.count()));
        // the heartbeat repeats the count, marked stale while the database cannot be reached
        Flux<Event<LiveCount>> heartbeats = Flux.interval(HEARTBEAT)
                .map(tick -> event("heartbeat", slug, counts.confirmed(id)));
        return now.concatWith(Flux.merge(changes, heartbeats));
    }

    private Event<LiveCount> event(String name, String slug, long count) {
        return Event.of(new LiveCount(slug, count, counts.isStale(), Instant.now().toString())).name(name);
    }
}
