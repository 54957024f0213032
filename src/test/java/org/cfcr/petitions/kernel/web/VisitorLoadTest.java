package org.cfcr.petitions.kernel.web;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signal itself, read off this machine's processors. */
class VisitorLoadTest {

    @Test
    void busy_processors_with_no_visitors_are_not_a_surge() throws Exception {
        VisitorLoad load = new VisitorLoad();
        load.keepProcessorsBusy();
        spinEveryProcessor(() -> sleep(500));
        assertFalse(load.keepProcessorsBusy(), "mail's own sending, or a neighbour's, does not hold mail back");
    }

    @Test
    void busy_processors_while_the_node_starts_hundreds_of_requests_a_second_are() throws Exception {
        VisitorLoad load = new VisitorLoad();
        spinEveryProcessor(() -> {
            load.keepProcessorsBusy(); // the window starts with the processors already taken
            for (int i = 0; i < 200; i++) {
                load.arrived();
                sleep(2);
            }
        });
        // the spinning stopped a moment ago; the processors' reading covers the window up to now
        assertTrue(load.keepProcessorsBusy(), "about 400 requests a second with every processor taken");
    }

    @Test
    void a_first_look_on_a_quiet_node_is_not_a_surge() {
        assertFalse(new VisitorLoad().keepProcessorsBusy());
    }

    private static void spinEveryProcessor(Runnable meanwhile) throws InterruptedException {
        AtomicBoolean spin = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread spinner = new Thread(() -> {
                long sink = 0;
                while (spin.get()) {
                    sink += System.nanoTime() % 7;
                }
                if (sink == 42) {
                    System.out.print("");
                }
            });
            spinner.start();
            spinners.add(spinner);
        }
        sleep(200);
        try {
            meanwhile.run();
        } finally {
            spin.set(false);
            for (Thread spinner : spinners) {
                spinner.join();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
