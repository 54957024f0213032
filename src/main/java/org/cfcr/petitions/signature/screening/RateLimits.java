package org.cfcr.petitions.signature.screening;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.Bucket;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.net.ClientAddress;

import java.time.Duration;
import java.util.Base64;

/**
 * Token buckets (Bucket4j) for signing, kept in this node's memory: per address per campaign, per
 * network (/24, IPv6 /48) per campaign, per email domain per campaign, and per campaign. Memory, not the database, because a shared bucket
 * would be one hot row that every signature of a viral campaign updates. With several nodes
 * behind a load balancer each node counts what it sees, so a client spread evenly over n nodes
 * gets up to n times the limit; the leads' tools catch what slips through.
 */
@Singleton
public class RateLimits {

    private final AbuseSettings settings;
    // idle buckets are full buckets: forgetting one after an hour changes nothing. At a few hundred
    // bytes a bucket, 100,000 of them stay within ~40 MB even when a flood comes from random
    // addresses; such a flood is caught by the network and domain limits, not the per-address one
    private final Cache<String, Bucket> buckets = Caches.builder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();

    public RateLimits(AbuseSettings settings) {
        this.settings = settings;
    }

    public boolean tryAddress(long campaignId, ClientAddress client) {
        String key = "a:" + campaignId + ":" + Base64.getEncoder().encodeToString(client.hostKey());
        return take(key, settings.addressPerMinute(), settings.addressPerHour());
    }

    public boolean tryNetwork(long campaignId, ClientAddress client) {
        String key = "n:" + campaignId + ":" + Base64.getEncoder().encodeToString(client.network());
        return take(key, settings.networkPerMinute(), settings.networkPerHour());
    }

    public boolean tryDomain(long campaignId, String domain) {
        return take("d:" + campaignId + ":" + domain, settings.domainPerMinute(), settings.domainPerHour());
    }

    public boolean tryCampaign(long campaignId) {
        return take("c:" + campaignId, settings.campaignPerMinute(), Integer.MAX_VALUE / 2);
    }

    private boolean take(String key, int perMinute, int perHour) {
        return buckets.get(key, ignored -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .addLimit(limit -> limit.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)))
                .build()).tryConsume(1);
    }
}
