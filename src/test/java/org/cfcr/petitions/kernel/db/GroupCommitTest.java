package org.cfcr.petitions.kernel.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    @Test
    void requests_that_arrive_while_a_batch_runs_go_together_and_each_gets_its_own_answer() throws Exception {
        CountDownLatch firstBatchRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> doubling = new GroupCommit<>("test", 200, Duration.ofSeconds(10), batch -> {
            batchSizes.add(batch.size());
            firstBatchRunning.countDown();
            await(release);
            batch.forEach(job -> job.answer(job.item() * 2));
        });
        ExecutorService callers = Executors.newFixedThreadPool(11);
        try {
            Future<Integer> first = callers.submit(() -> doubling.submit(0));
            assertTrue(firstBatchRunning.await(5, TimeUnit.SECONDS));
            List<Future<Integer>> crowd = new java.util.ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int item = i;
                crowd.add(callers.submit(() -> doubling.submit(item)));
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
        GroupCommit<Integer, Integer> failing = new GroupCommit<>("test", 200, Duration.ofSeconds(10), batch -> {
            throw new IllegalStateException("the database said no");
        });
        assertEquals("the database said no", assertThrows(IllegalStateException.class, () -> failing.submit(1)).getMessage());
        failing.stop();
        long start = System.nanoTime();
        assertThrows(GroupCommit.NotAnswered.class, () -> failing.submit(2));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "not the full wait");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
