package org.cfcr.petitions.count;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Counts, under {@code petitions.counts.*}.
 *
 * @param staleAfter      counts not reloaded for this long are marked stale in public reads
 * @param reloadInterval  how often each node reloads the totals into memory
 * @param foldInterval    how often each node folds count deltas into the totals
 * @param historyInterval how often each node records the counts that changed
 */
@ConfigurationProperties("petitions.counts")
public record CountSettings(Duration staleAfter, Duration reloadInterval, Duration foldInterval, Duration historyInterval) {
}
