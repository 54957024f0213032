package org.cfcr.petitions.mail;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox as seen from this node: how many emails are due, how long the oldest has waited, and
 * what the SMTP server said last. Always UP: a mail server that is down delays emails (they wait
 * in the outbox, see {@link OutboxSender}) but does not make a node unfit to take signatures, so
 * it must not take nodes out of rotation; the details say what is wrong.
 */
@Singleton
class MailHealth implements HealthIndicator {

    /** an email due this long and not yet sent is worth an operator's look */
    static final Duration LATE = Duration.ofMinutes(5);

    private final OutboxBacklog backlog;
    private final OutboxSender sender;

    MailHealth(OutboxBacklog backlog, OutboxSender sender) {
        this.backlog = backlog;
        this.sender = sender;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        OutboxBacklog.Reading reading = backlog.last();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("emailsDue", reading.due());
        details.put("oldestDueSeconds", reading.oldestWait().toSeconds());
        Optional<OutboxSender.Attempt> last = sender.lastAttempt();
        last.ifPresent(attempt -> {
            details.put("lastAttemptAt", attempt.at().toString());
            details.put("lastAttempt", attempt.failure() == null ? "delivered" : "failed: " + attempt.failure());
        });
        if (last.filter(attempt -> attempt.failure() != null).isPresent()) {
            details.put("problem", "The last delivery failed; emails wait in the outbox and are tried again with backoff.");
        } else if (reading.oldestWait().compareTo(LATE) > 0) {
            details.put("problem", "Emails wait longer than " + LATE.toMinutes() + " minutes: the nodes send fewer than arrive.");
        }
        return Mono.just(HealthResult.builder("mail", HealthStatus.UP).details(details).build());
    }
}
