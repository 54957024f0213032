package org.cfcr.petitions.account;

import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The actions that could hurt signers in the wrong hands ask for the second factor again when it
 * was last proved more than {@link SignedInSession#STEP_UP_LIFE} ago: a stolen session cookie alone
 * then cannot export signers' addresses, mint an API token, add an account or change second factors.
 */
@Singleton
public class StepUps {

    private final Clock clock;

    StepUps(Clock clock) {
        this.clock = clock;
    }

    /**
     * Empty when the session may go ahead; otherwise where to send the person: the step-up page,
     * which brings them back to {@code returnTo} (an admin page) to do it again.
     */
    public Optional<HttpResponse<?>> demand(SignedInSession session, String returnTo) {
        if (session.isSteppedUp(Instant.now(clock))) {
            return Optional.empty();
        }
        return Optional.of(HttpResponse.seeOther(URI.create("/admin/step-up?next=" + LoginController.safeNext(returnTo))));
    }
}
