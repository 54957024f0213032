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
 * <p>
 * A sign-in first takes a {@link #place} in line, before anything is counted or read for it: the
 * line holds {@link #WAITING_PER_TURN} sign-ins per turn besides the turns, and one that finds it
 * full is refused at once, touching neither the database nor a thread's time. Without it, every
 * sign-in of a flood wrote its attempt and then waited out the whole wait for a turn. Browsers
 * that have signed in to the account before ({@link KnownDevices}) have a line of their own, so a
 * flood of strangers keeps no lead on their usual browser from a turn.
 */
@Singleton
public class VerificationTurns {

    /** How long a sign-in refused for lack of a turn is asked to wait. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** A verification takes tens of milliseconds: this many waiting per turn wait well under a second. */
    static final int WAITING_PER_TURN = 8;

    private final Semaphore turns;
    private final Semaphore strangers;
    private final Semaphore knownDevices;
    private final long waitNanos;

    VerificationTurns(PasswordSettings settings) {
        int concurrent = Math.max(1, settings.concurrentVerifications());
        this.turns = new Semaphore(concurrent, true);
        this.strangers = new Semaphore(concurrent * (1 + WAITING_PER_TURN));
        this.knownDevices = new Semaphore(concurrent * (1 + WAITING_PER_TURN));
        this.waitNanos = settings.verificationWait().toNanos();
    }

    /** A place in line for a sign-in, held until it is closed; throws {@link Busy} when the line is full. */
    Place place(boolean knownDevice) {
        Semaphore line = knownDevice ? knownDevices : strangers;
        if (!line.tryAcquire()) {
            throw new Busy();
        }
        return line::release;
    }

    /** A sign-in's place in line; closing it lets the next one in. */
    interface Place extends AutoCloseable {
        @Override
        void close();
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
