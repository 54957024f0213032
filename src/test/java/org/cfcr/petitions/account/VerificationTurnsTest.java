package org.cfcr.petitions.account;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationTurnsTest {

    @Test
    void a_verification_that_gets_no_turn_in_time_is_refused_and_a_freed_turn_serves_the_next() throws Exception {
        VerificationTurns turns = new VerificationTurns(new PasswordSettings(64, 1, 1, Duration.ofMillis(50)));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread holder = new Thread(() -> turns.verify(() -> {
            started.countDown();
            try {
                return finish.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }));
        holder.start();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertThrows(VerificationTurns.Busy.class, () -> turns.verify(() -> true));
        finish.countDown();
        holder.join();
        assertTrue(turns.verify(() -> true));
    }

    @Test
    void a_full_line_refuses_at_once_but_not_a_known_browser_and_a_left_place_lets_the_next_in() {
        VerificationTurns turns = new VerificationTurns(new PasswordSettings(64, 1, 1, Duration.ofSeconds(2)));
        java.util.List<VerificationTurns.Place> held = new java.util.ArrayList<>();
        for (int i = 0; i < 1 + VerificationTurns.WAITING_PER_TURN; i++) {
            held.add(turns.place(false));
        }
        assertThrows(VerificationTurns.Busy.class, () -> turns.place(false));
        try (VerificationTurns.Place lead = turns.place(true)) {
            assertTrue(lead != null, "a browser the account knows has a line of its own");
        }
        held.remove(0).close();
        held.add(turns.place(false));
        held.forEach(VerificationTurns.Place::close);
    }
}
