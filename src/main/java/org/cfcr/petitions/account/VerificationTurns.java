package org.cfcr.petitions.account;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.web.DomainException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Turns at password verification on this node. An Argon2id verification takes its memory cost in
 * heap (16 MiB by default), so a burst of sign-ins, right or wrong, could fill the heap; at most
 * {@link PasswordSettings#concurrentVerifications()} run at once, and one that does not get a turn
 * within {@link PasswordSettings#verificationWait()} is refused with {@link Busy}.
 */
@Singleton
public class VerificationTurns {

    /** How long a sign-in refused for lack of a turn is asked to wait. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Semaphore turns;
    private final long waitNanos;

    VerificationTurns(PasswordSettings settings) {
        this.turns = new Semaphore(Math.max(1, settings.concurrentVerifications()), true);
        this.waitNanos = settings.verificationWait().toNanos();
    }

    /** Runs the verification in a turn of its own; throws {@link Busy} when none came in time. */
    boolean verify(BooleanSupplier verification) {
        try {
            if (!turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        try {
            return verification.getAsBoolean();
        } finally {
            turns.release();
        }
    }

    /** Too many passwords are being checked on this node right now; the person may try again shortly. */
    public static final class Busy extends DomainException {
        Busy() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "admin.login.busy", "password verifications all busy");
        }
    }
}
