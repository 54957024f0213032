package org.cfcr.petitions.admin;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.count.CountHistory;
import org.cfcr.petitions.count.PublicCounts;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.signature.SignatureState;
import org.cfcr.petitions.signature.SignatureStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A lead's view of how a campaign is doing: signatures over time (by hour and by day), how many
 * signers confirm, how many want updates, where they sign from. Figures that scan the
 * campaign's signatures are cached for half a minute.
 */
@Singleton
class CampaignDashboard {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final SignatureStore signatures;
    private final CountHistory history;
    private final PublicCounts counts;
    private final Clock clock;
    private final LoadingCache<Long, Figures> figures;

    CampaignDashboard(SignatureStore signatures, CountHistory history, PublicCounts counts, Clock clock) {
        this.signatures = signatures;
        this.history = history;
        this.counts = counts;
        this.clock = clock;
        this.figures = Caches.builder().maximumSize(1000).expireAfterWrite(Duration.ofSeconds(30))
                .build(this::load);
    }

    /** confirmed and pending leave out held signatures, which are counted apart in held. */
    record Figures(long confirmed, long pending, long withdrawn, long confirmedWithUpdates, long held) {

        /** Of the signatures still standing (withdrawn ones aside), the share confirmed. */
        public int confirmationRate() {
            long standing = confirmed + pending;
            return standing == 0 ? 0 : (int) Math.round(confirmed * 100.0 / standing);
        }

        /** Of the confirmed signers, the share who asked for updates. */
        public int optInRate() {
            return confirmed == 0 ? 0 : (int) Math.round(confirmedWithUpdates * 100.0 / confirmed);
        }
    }

    record CountryCount(String code, long count) {
    }

    record Dashboard(Figures figures, ActivityChart byHour, ActivityChart byDay, List<CountryCount> topCountries) {
    }

    Dashboard of(long campaignId) {
        Instant now = Instant.now(clock);
        Instant hourStart = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(48));
        Instant dayStart = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(30));
        ActivityChart byHour = ActivityChart.of(series(campaignId, hourStart.minus(Duration.ofHours(1)), now, ChronoUnit.HOURS),
                HOUR::format);
        ActivityChart byDay = ActivityChart.of(series(campaignId, dayStart.minus(Duration.ofDays(1)), now, ChronoUnit.DAYS),
                DAY::format);
        List<CountryCount> top = counts.byCountry(campaignId).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(10).map(entry -> new CountryCount(entry.getKey(), entry.getValue())).toList();
        return new Dashboard(figures.get(campaignId), byHour, byDay, top);
    }

    /** The series up to now, ending at the live count so the last bar includes the current hour or day. */
    private List<CountHistory.Point> series(long campaignId, Instant from, Instant now, ChronoUnit step) {
        List<CountHistory.Point> points = new java.util.ArrayList<>(history.series(campaignId, from, now, step));
        points.add(new CountHistory.Point(now, counts.confirmed(campaignId)));
        return points;
    }

    @Transactional(readOnly = true)
    protected Figures load(long campaignId) {
        SignatureStore.StateCounts states = signatures.stateCounts(campaignId);
        return new Figures(states.of(SignatureState.CONFIRMED), states.of(SignatureState.PENDING),
                states.of(SignatureState.WITHDRAWN), states.countedWithUpdates(),
                states.of(SignatureState.HELD) + states.of(SignatureState.INVALIDATED));
    }
}
