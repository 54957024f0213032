package org.cfcr.petitions.signature;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.GroupCommit;
import org.cfcr.petitions.signature.screening.HoldRule;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What signing and confirming look like from outside, for Prometheus (README, "Watching it run"):
 * counts of what was committed and of what the queues refused, and how full the queues are. Counts
 * only: no campaign, address or token is ever a label.
 */
@Singleton
class SignatureMetrics {

    private final MeterRegistry meters;
    // registered once: signing and confirming count thousands a second
    private final Map<SigningService.Outcome, Counter> received = new EnumMap<>(SigningService.Outcome.class);
    private final Map<HoldRule, Counter> held = new EnumMap<>(HoldRule.class);
    private final Counter confirmed;

    SignatureMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (SigningService.Outcome outcome : SigningService.Outcome.values()) {
            received.put(outcome, meters.counter("petitions.signatures.received", "outcome", label(outcome)));
        }
        for (HoldRule rule : HoldRule.values()) {
            held.put(rule, meters.counter("petitions.signatures.held", "rule", label(rule)));
        }
        this.confirmed = meters.counter("petitions.signatures.confirmed");
    }

    /** A committed submission, with the rule that held it back, if one did. */
    void received(SigningService.Outcome outcome, @Nullable HoldRule hold) {
        received.get(outcome).increment();
        if (hold != null) {
            held.get(hold).increment();
        }
    }

    /** A confirmation link pressed and committed; only a first press confirms. */
    void clicked(ConfirmationService.LinkState state) {
        if (state == ConfirmationService.LinkState.CONFIRMED_NOW) {
            confirmed.increment();
        }
    }

    /** Refused before anything was stored: the node's queue was full, or the client's network had its share. */
    void refused(String queue, GroupCommit.Full full) {
        meters.counter("petitions.queue.refused", "queue", queue, "scope", full.networkShare() ? "network" : "node")
                .increment();
    }

    void watch(String queue, GroupCommit<?, ?> waiting) {
        meters.gauge("petitions.queue.waiting", Tags.of("queue", queue), waiting, GroupCommit::waiting);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
