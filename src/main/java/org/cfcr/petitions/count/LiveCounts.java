package org.cfcr.petitions.count;

import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Count changes for live subscribers on this node, at most four per campaign per second (one per reload). After each
 * reload of the counts, the new counts are compared with what was last announced, so a crowd of
 * subscribers costs one comparison per reload, not one query each; a change within a quarter of a second
 * of the last announcement waits for the next reload. A subscriber that cannot keep up skips to the next
 * change instead of holding the others back.
 */
@Singleton
public class LiveCounts {

    public record Change(long campaignId, long count) {
    }

    // A change waits for a fold (every 200 ms) and a reload (every 250 ms), then for this gap
    // since the last push. At 500 ms, a change made just after a push waited up to 750 ms more,
    // and the slowest of 10,000 streams got it just over a second late (bench/run, "live").
    static final Duration MIN_GAP = Duration.ofMillis(250);

    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();
    private final Map<Long, Long> announced = new HashMap<>();
    private final Map<Long, Instant> announcedAt = new HashMap<>();

    public Flux<Change> changes() {
        return changes.asFlux();
    }

    /** Called with the counts just loaded. */
    synchronized void announce(Map<Long, Long> counts, Instant now) {
        counts.forEach((campaignId, count) -> {
            Instant last = announcedAt.get(campaignId);
            boolean changed = !count.equals(announced.get(campaignId));
            if (changed && (last == null || !now.isBefore(last.plus(MIN_GAP)))) {
                changes.tryEmitNext(new Change(campaignId, count));
                announced.put(campaignId, count);
                announcedAt.put(campaignId, now);
            }
        });
    }
}
