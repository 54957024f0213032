package org.cfcr.petitions.kernel.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    @Test
    void requests_that_arrive_while_a_batch_runs_go_together_and_each_gets_its_own_answer() throws Exception {
        CountDownLatch firstBatchRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> doubling = new GroupCommit<>("test", 200, new GroupCommit.Bounds(1000, 1000), Duration.ofSeconds(10), batch -> {
            batchSizes.add(batch.size());
            firstBatchRunning.countDown();
            await(release);
            batch.forEach(job -> job.answer(job.item() * 2));
        });
        ExecutorService callers = Executors.newFixedThreadPool(11);
        try {
            Future<Integer> first = callers.submit(() -> answer(doubling, 0, null));
            assertTrue(firstBatchRunning.await(5, TimeUnit.SECONDS));
            List<Future<Integer>> crowd = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int item = i;
                crowd.add(callers.submit(() -> answer(doubling, item, null)));
            }
            Thread.sleep(300); // the crowd queues behind the running batch
            release.countDown();
            assertEquals(0, first.get());
            for (int i = 1; i <= 10; i++) {
                assertEquals(2 * i, crowd.get(i - 1).get());
            }
            assertEquals(List.of(1, 10), batchSizes);
        } finally {
            callers.shutdownNow();
            doubling.stop();
        }
    }

    @Test
    void a_failed_batch_fails_each_caller_and_a_stopped_one_answers_at_once() {
        GroupCommit<Integer, Integer> failing = new GroupCommit<>("test", 200, new GroupCommit.Bounds(1000, 1000), Duration.ofSeconds(10), batch -> {
            throw new IllegalStateException("the database said no");
        });
        assertEquals("the database said no", assertThrows(IllegalStateException.class, () -> answer(failing, 1, null)).getMessage());
        failing.stop();
        long start = System.nanoTime();
        assertThrows(GroupCommit.NotAnswered.class, () -> answer(failing, 2, null));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "not the full wait");
    }

    @Test
    void past_its_bounds_a_request_is_refused_at_once_without_being_handed_in_and_a_network_only_holds_its_share()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> handedIn = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> slow = new GroupCommit<>("test", 200, new GroupCommit.Bounds(3, 2), Duration.ofSeconds(10), batch -> {
            await(release);
            batch.forEach(job -> {
                handedIn.add(job.item());
                job.answer(job.item());
            });
        });
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> first = callers.submit(() -> answer(slow, 1, "198.51.100.0/24"));
            Future<Integer> second = callers.submit(() -> answer(slow, 2, "198.51.100.0/24"));
            while (slow.waiting() < 2) {
                Thread.sleep(10);
            }
            java.util.concurrent.atomic.AtomicBoolean made = new java.util.concurrent.atomic.AtomicBoolean();
            GroupCommit.Full share = assertThrows(GroupCommit.Full.class,
                    () -> slow.submitAsync(() -> { made.set(true); return 3; }, "198.51.100.0/24"));
            assertTrue(share.networkShare(), "the network holds its share: its own doing");
            assertTrue(!made.get(), "a refused request's item is never made (a signature is not screened)");
            Future<Integer> other = callers.submit(() -> answer(slow, 4, "203.0.113.0/24"));
            while (slow.waiting() < 3) {
                Thread.sleep(10);
            }
            GroupCommit.Full node = assertThrows(GroupCommit.Full.class, () -> answer(slow, 5, null));
            assertTrue(!node.networkShare(), "the node is full");
            release.countDown();
            assertEquals(1, first.get());
            assertEquals(2, second.get());
            assertEquals(4, other.get());
            assertEquals(List.of(1, 2, 4), handedIn.stream().sorted().toList(), "the refused never reached the work");
            assertEquals(0, slow.waiting());
            assertEquals(6, answer(slow, 6, "198.51.100.0/24"), "places given back");
        } finally {
            callers.shutdownNow();
            slow.stop();
        }
    }

    @Test
    void a_request_answered_by_a_future_holds_its_place_until_answered_and_one_that_waited_too_long_is_not_run()
            throws Exception {
        CountDownLatch firstBatchRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> run = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> held = new GroupCommit<>("test", 200, new GroupCommit.Bounds(3, 3), Duration.ofMillis(300), batch -> {
            firstBatchRunning.countDown();
            await(release);
            batch.forEach(job -> {
                run.add(job.item());
                job.answer(job.item() * 2);
            });
        });
        try {
            CompletableFuture<Integer> first = held.submitAsync(1, null);
            assertTrue(firstBatchRunning.await(5, TimeUnit.SECONDS));
            CompletableFuture<Integer> late = held.submitAsync(2, null);
            assertEquals(2, held.waiting(), "no thread waits, but each request holds its place");
            Thread.sleep(500); // longer than an answer is due: the database holds the first batch
            release.countDown();
            assertEquals(2, first.get(5, TimeUnit.SECONDS));
            ExecutionException expired = assertThrows(ExecutionException.class,
                    () -> late.get(5, TimeUnit.SECONDS));
            assertTrue(expired.getCause() instanceof GroupCommit.NotAnswered, "told to try again (503)");
            assertEquals(List.of(1), run, "the request that waited too long was never run");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (held.waiting() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // a place is given back as its answer completes, maybe just after the caller wakes
            }
            assertEquals(0, held.waiting(), "both places given back");
            assertEquals(6, held.submitAsync(3, null).get(5, TimeUnit.SECONDS));
        } finally {
            held.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands the item in and waits for its answer, the work's exception thrown as it was. */
    private static <T, R> R answer(GroupCommit<T, R> commits, T item, String network) {
        try {
            return commits.submitAsync(item, network).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
