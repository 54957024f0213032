package org.cfcr.petitions.signature.screening;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.Caches;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * How many emails the signatures a rule holds back may cause. Without a limit a flood that the
 * rules hold back still has the service email every address it names: the coalition's sender
 * becomes a relay for whoever wants to reach those inboxes, and the mail providers learn to file
 * its real confirmation emails as spam.
 *
 * <p>Each source has {@code petitions.abuse.held-emails-per-hour} emails an hour: the client's
 * network (/24, IPv6 /48, as stored; every client whose address is unknown shares one) and,
 * separately, the email domain. A held signature is charged to both, and emailed only if both have
 * budget left. Across campaigns: what a flood spends is the reputation of the one sender that
 * every campaign shares. Signatures that no rule holds never ask.
 *
 * <p>Token buckets (Bucket4j) in this node's memory, like {@link RateLimits} and for the same
 * reason: a shared count would be a row that every held signature of a flood updates. With n
 * nodes, a flood spread evenly over them gets up to n times the budget. The buckets follow the
 * service's clock.
 */
@Singleton
public class HeldEmailBudget {

    private final int perHour;
    private final TimeMeter time;
    // an idle bucket refills within the hour, so forgetting it an hour later changes nothing; a
    // flood from random networks meets the budget of its email domains instead
    private final Cache<String, Bucket> buckets = Caches.builder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();

    public HeldEmailBudget(AbuseSettings settings, Clock clock) {
        this.perHour = settings.heldEmailsPerHour();
        this.time = new ClockTime(clock);
    }

    /** The emails each source may cause an hour. */
    public int perHour() {
        return perHour;
    }

    /**
     * Whether a held signature from this network (null: the client's address is unknown) to an
     * address at this domain may be emailed; if so, the email is charged to both.
     */
    public boolean tryEmail(@Nullable byte[] network, String domain) {
        if (perHour <= 0) {
            return false;
        }
        Bucket fromNetwork = bucket("n:" + (network == null ? "unknown" : Base64.getEncoder().encodeToString(network)));
        if (!fromNetwork.tryConsume(1)) {
            return false;
        }
        if (bucket("d:" + domain).tryConsume(1)) {
            return true;
        }
        fromNetwork.addTokens(1); // no email after all: the network keeps its share for another
        return false;
    }

    private Bucket bucket(String key) {
        return buckets.get(key, ignored -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)))
                .withCustomTimePrecision(time)
                .build());
    }

    /** The service's clock as Bucket4j reads time: tests move it forward to let an hour pass. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
