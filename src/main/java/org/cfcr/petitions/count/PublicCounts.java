package org.cfcr.petitions.count;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;

/**
 * The confirmed counts the public sees, held in memory and reloaded from the totals table a few
 * times a second. A page view or API call costs a map lookup, never a query; a confirmation shows
 * here after one fold and one reload, well within a second. When the database is down, the last
 * known counts keep being served, marked stale.
 */
@Singleton
public class PublicCounts {

    private static final Logger LOG = LoggerFactory.getLogger(PublicCounts.class);

    private final CountTotals totals;
    private final LiveCounts live;
    private final Clock clock;
    private final Duration staleAfter;
    private volatile Instant loadedAt = Instant.EPOCH;
    private volatile Map<Long, Long> confirmed = Map.of();
    private volatile Map<Long, Map<String, Long>> byCountry = Map.of();

    public PublicCounts(CountTotals totals, LiveCounts live, Clock clock,
                        CountSettings settings) {
        this.totals = totals;
        this.live = live;
        this.clock = clock;
        this.staleAfter = settings.staleAfter();
    }

    /** When the counts were last read from the database. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /**
     * Whether the database has not answered for a while: the counts are the last known ones, and
     * the API says so.
     */
    public boolean isStale() {
        return Instant.now(clock).isAfter(loadedAt.plus(staleAfter));
    }

    public long confirmed(long campaignId) {
        return confirmed.getOrDefault(campaignId, 0L);
    }

    /** Confirmed signatures per country code, largest first; countries without any are left out. */
    public Map<String, Long> byCountry(long campaignId) {
        return byCountry.getOrDefault(campaignId, Map.of());
    }

    @Scheduled(fixedDelay = "${petitions.counts.reload-interval}")
    void reloadPeriodically() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("Reloading counts failed; serving the last known counts: {}", e.getMessage());
        }
    }

    @Transactional(readOnly = true)
    public void reload() {
        Map<Long, Long> fresh = totals.totals();
        Map<Long, Map<String, Long>> countries = totals.countryTotals();
        confirmed = Map.copyOf(fresh);
        countries.replaceAll((id, counts) -> Collections.unmodifiableMap(counts));
        byCountry = countries;
        loadedAt = Instant.now(clock);
        live.announce(confirmed, loadedAt);
    }
}
