package org.cfcr.petitions.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.count.LiveCounts;
import org.cfcr.petitions.count.PublicCounts;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /api/v1/campaigns/{slug}/live}: a server-sent event stream of the confirmed count.
 * The current count comes at once ({@code event: count}), then each change within a second (at most four a second),
 * and a {@code heartbeat} every 15 seconds so that proxies keep the connection and clients notice
 * a dead one. An idle subscriber holds one connection and nothing else. Streams are bounded on
 * each node ({@link LiveStreamSlots}): past the bound of the client's network, 429; past the
 * node's, 503; both with {@code Retry-After}. A stream ends after its longest life, telling the
 * browser (the SSE {@code retry} field) to reconnect a few seconds later.
 */
@Tag(name = "Counts")
@Controller("/api/v1/campaigns/{slug}/live")
class LiveCountController implements GracefulShutdownCapable {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How soon a browser reconnects after its stream ended (the SSE retry field). */
    static final Duration RECONNECT = Duration.ofSeconds(5);
    static final Duration RETRY_AFTER_NETWORK_FULL = Duration.ofSeconds(60);
    static final Duration RETRY_AFTER_NODE_FULL = Duration.ofSeconds(30);

    private final CampaignCatalog catalog;
    private final PublicCounts counts;
    private final LiveCounts live;
    private final JsonMapper json;
    private final LiveStreamSlots slots;
    private final HttpClientAddressResolver clientAddresses;
    private final Duration maxLife;
    private final Map<Long, SharedChange> lastChange = new ConcurrentHashMap<>();
    /** ends every stream when the node stops, so that browsers reconnect to another node at once */
    private final Sinks.Empty<Void> stopping = Sinks.empty();
    private final AtomicBoolean stopped = new AtomicBoolean();

    LiveCountController(CampaignCatalog catalog, PublicCounts counts, LiveCounts live, JsonMapper json,
                        LiveStreamSlots slots, HttpClientAddressResolver clientAddresses, LiveStreamSettings settings,
                        MeterRegistry meters) {
        this.catalog = catalog;
        this.slots = slots;
        this.clientAddresses = clientAddresses;
        this.maxLife = settings.maxStreamLife();
        this.counts = counts;
        this.live = live;
        this.json = json;
        meters.gauge("petitions.live.streams", slots, LiveStreamSlots::open);
    }

    /** Ends the open streams (their browsers reconnect elsewhere) and refuses new ones. */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopped.set(true);
        stopping.tryEmitEmpty();
        return CompletableFuture.completedFuture(null);
    }

    /** A change as written to every stream of its campaign: built once, not once per subscriber. */
    private record SharedChange(LiveCounts.Change change, String slug, Event<String> event) {
    }

    @Serdeable
    record LiveCount(String slug, long signatureCount, boolean stale, String at) {
    }

    @Operation(summary = "Live count (server-sent events)",
            description = "event: count at once and after each change (within a second, at most four a second); event: heartbeat "
                    + "every 15 seconds. Data: {slug, signatureCount, stale, at}; stale=true while the database "
                    + "cannot be reached and the count is the last known one. The first event carries retry: 5000; "
                    + "a stream ends after its longest life (an hour by default), and EventSource reconnects by itself. "
                    + "Too many streams from one network (/24, IPv6 /64): 429; too many on the server: 503; both "
                    + "with Retry-After.")
    @ApiResponse(responseCode = "200", description = "The event stream; each event's data is one LiveCount",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(implementation = LiveCount.class)))
    @ApiResponse(responseCode = "429", description = "Too many streams open from this network (/24, IPv6 /64); see Retry-After")
    @ApiResponse(responseCode = "503", description = "This server has as many streams open as it takes; see Retry-After")
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    Mono<HttpResponse<?>> stream(String slug, HttpRequest<?> request) {
        // on the event loop when the campaign is in memory: ten thousand press readers opening
        // streams at once would otherwise each take a worker thread (and its stack) for a moment.
        // The campaign is found before the response starts, so that "no such campaign" is a 404.
        return catalog.publicCampaign(slug).map(campaign -> {
            if (stopped.get()) {
                // EventSource reconnects after the retry it was given, through the load balancer to another node
                return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_NODE_FULL.toSeconds()));
            }
            LiveStreamSlots.Taken taken = slots.take(clientAddresses.resolve(request));
            if (taken.slot().isEmpty()) {
                boolean network = taken.refusal().orElseThrow() == LiveStreamSlots.Refusal.NETWORK_FULL;
                return HttpResponse.status(network ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, String.valueOf(
                                (network ? RETRY_AFTER_NETWORK_FULL : RETRY_AFTER_NODE_FULL).toSeconds()));
            }
            LiveStreamSlots.Slot slot = taken.slot().get();
            return HttpResponse.ok(Flux.from(events(campaign, slug)).take(maxLife)
                    .takeUntilOther(stopping.asMono()).doFinally(signal -> slot.release()))
                    .contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
        });
    }

    private Publisher<Event<String>> events(Campaign campaign, String slug) {
        long id = campaign.id();
        Flux<Event<String>> now = Flux.defer(() -> Flux.just(event("count", slug, counts.confirmed(id)).retry(RECONNECT)));
        Flux<Event<String>> changes = live.changes()
                .filter(change -> change.campaignId() == id)
                .map(change -> shared(change, slug));
        // the heartbeat repeats the count, marked stale while the database cannot be reached
        Flux<Event<String>> heartbeats = Flux.interval(HEARTBEAT)
                .map(tick -> event("heartbeat", slug, counts.confirmed(id)));
        return now.concatWith(Flux.merge(changes, heartbeats));
    }

    /**
     * Ten thousand streams of one campaign get the same change at once: the first to ask serialises
     * it, the others write the same text (a race only costs a second serialisation).
     */
    private Event<String> shared(LiveCounts.Change change, String slug) {
        SharedChange last = lastChange.get(change.campaignId());
        if (last != null && last.change() == change && last.slug().equals(slug)) {
            return last.event();
        }
        Event<String> event = event("count", slug, change.count());
        lastChange.put(change.campaignId(), new SharedChange(change, slug, event));
        return event;
    }

    /** The data as JSON text, which the event stream writes as it is. */
    private Event<String> event(String name, String slug, long count) {
        try {
            return Event.of(json.writeValueAsString(new LiveCount(slug, count, counts.isStale(), Instant.now().toString())))
                    .name(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
