package org.cfcr.petitions.count;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.HashMap;
import java.util.Map;

/**
 * Count changes for live subscribers on this node, at most one per campaign per second. One tick
 * compares the in-memory counts with what was last announced, so a crowd of subscribers costs one
 * comparison per second, not one query each. A subscriber that cannot keep up skips to the next
 * change instead of holding the others back.
 */
@Singleton
public class LiveCounts {

    public record Change(long campaignId, long count) {
    }

    private final PublicCounts counts;
    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();
    private Map<Long, Long> announced = Map.of();

    public LiveCounts(PublicCounts counts) {
        this.counts = counts;
    }

    public Flux<Change> changes() {
        return changes.asFlux();
    }

    @Scheduled(fixedRate = "${petitions.counts.live-interval:1s}")
    synchronized void announce() {
        Map<Long, Long> now = new HashMap<>(counts.all());
        now.forEach((campaignId, count) -> {
            if (!count.equals(announced.get(campaignId))) {
                changes.tryEmitNext(new Change(campaignId, count));
            }
        });
        announced = now;
    }
}
