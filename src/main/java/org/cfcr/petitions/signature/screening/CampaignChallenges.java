package org.cfcr.petitions.signature.screening;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.campaign.CampaignStore;
import org.cfcr.petitions.kernel.Caches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Whether a campaign's sign form asks for the proof-of-work challenge. A lead sets it on or off;
 * on AUTO (the default) it switches on for {@code challenge-duration} when a node sees more
 * signatures than {@code campaign-per-minute}. The switch is written to the campaign row, so every
 * node serves the challenge within seconds; each node writes it at most once per half duration.
 */
@Singleton
public class CampaignChallenges {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignChallenges.class);
    static final Duration FRESHNESS = Duration.ofSeconds(2);

    public enum Mode { AUTO, ON, OFF }

    public record Setting(Mode mode, @Nullable Instant autoUntil) {
        public boolean isRequired(Instant now) {
            return mode == Mode.ON || (mode == Mode.AUTO && autoUntil != null && now.isBefore(autoUntil));
        }
    }

    private final CampaignStore campaigns;
    private final AuditLog audit;
    private final Clock clock;
    private final AbuseSettings settings;
    private final LoadingCache<Long, Setting> cache;
    private final Map<Long, Instant> switchedOnHere = new ConcurrentHashMap<>();

    public CampaignChallenges(CampaignStore campaigns, AuditLog audit, Clock clock, AbuseSettings settings,
                              @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.audit = audit;
        this.campaigns = campaigns;
        this.clock = clock;
        this.settings = settings;
        this.cache = Caches.builder().maximumSize(10_000).refreshAfterWrite(FRESHNESS)
                .build(Caches.reloadingOn(blocking, this::load));
    }

    public boolean isRequired(long campaignId) {
        Instant now = Instant.now(clock);
        Instant local = switchedOnHere.get(campaignId);
        Setting setting = cache.get(campaignId);
        return setting.isRequired(now) || (setting.mode() == Mode.AUTO && local != null && now.isBefore(local));
    }

    public Setting setting(long campaignId) {
        return cache.get(campaignId);
    }

    /** A flood was seen on this node: switch the challenge on everywhere, unless it already is. */
    public void floodSeen(long campaignId) {
        Instant now = Instant.now(clock);
        Instant until = now.plus(settings.challengeDuration());
        Instant previous = switchedOnHere.get(campaignId);
        if (previous != null && now.isBefore(previous.minus(settings.challengeDuration().dividedBy(2)))) {
            return;
        }
        switchedOnHere.put(campaignId, until);
        try {
            if (switchOn(campaignId, until) > 0) {
                LOG.warn("Campaign {} is flooded: the sign form asks for the challenge until {}", campaignId, until);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not record the challenge for campaign {}; this node asks for it anyway: {}",
                    campaignId, e.getMessage());
        }
        cache.invalidate(campaignId);
    }

    @Transactional
    protected int switchOn(long campaignId, Instant until) {
        return campaigns.switchChallengeOn(campaignId, until) ? 1 : 0;
    }

    /** A lead's choice; switching to OFF or ON also ends an automatic period. */
    @Transactional
    public void choose(long campaignId, Mode mode, @Nullable Long byAccount) {
        campaigns.chooseChallenge(campaignId, mode.name());
        audit.record(byAccount, campaignId, "challenge.mode", mode.name());
        switchedOnHere.remove(campaignId);
        cache.invalidate(campaignId);
    }

    @Transactional(readOnly = true)
    protected Setting load(Long campaignId) {
        return campaigns.challenge(campaignId)
                .map(challenge -> new Setting(Mode.valueOf(challenge.mode()), challenge.autoUntil()))
                .orElse(new Setting(Mode.AUTO, null));
    }
}
