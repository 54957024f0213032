package org.cfcr.petitions.kernel.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the requests that arrive together as one piece of work, on one thread per node, so that a
 * crowd shares transactions and commits instead of queueing for one commit each: the database
 * commits only so many transactions a second (about the trivial-INSERT ceiling of bench/run), but
 * a commit of 200 rows costs little more than a commit of one. A lone request goes through at
 * once; while one batch commits, the next one gathers. Each caller gets its own answer, which
 * the work gives only once its part is committed, and no thread waits for it ({@link #submitAsync}).
 * <p>
 * Reads that arrive together share one statement the same way ({@code LinkPageReads}): a page that
 * must read a row of its own per view pays the round trips and the statement once per batch
 * instead of once per visitor.
 *
 * @param <T> what a caller hands in
 * @param <R> what the caller gets back
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** The work on one batch: it answers or fails every job; a job it leaves open fails. */
    @FunctionalInterface
    public interface Work<T, R> {
        void run(List<Job<T, R>> batch);
    }

    /** One caller's request and the answer it waits for. */
    public static final class Job<T, R> {
        private final T item;
        private final CompletableFuture<R> answer = new CompletableFuture<>();
        private final long handedInAt = System.nanoTime();

        private Job(T item) {
            this.item = item;
        }

        public T item() {
            return item;
        }

        public void answer(R result) {
            answer.complete(result);
        }

        public void fail(Throwable error) {
            answer.completeExceptionally(error);
        }

        public boolean isSettled() {
            return answer.isDone();
        }
    }

    /**
     * No answer: the batch did not finish in time (a database that has stopped answering), or the
     * node is shutting down. The caller may try again (503).
     */
    public static final class NotAnswered extends RuntimeException {
        NotAnswered(String why) {
            super(why);
        }
    }

    /**
     * Refused before anything was handed in (so nothing of it is stored): the node has as many
     * requests waiting as it takes, or the caller's network has its share of them.
     */
    public static final class Full extends RuntimeException {
        private final boolean networkShare;

        Full(String why, boolean networkShare) {
            super(why, null, false, false);
            this.networkShare = networkShare;
        }

        /** The caller's network holds its share (the caller's doing, 429); else the node is full (503). */
        public boolean networkShare() {
            return networkShare;
        }
    }

    /**
     * How many requests may wait at once (queued or in the batch being committed), on the node and
     * from one client network; each waiting request holds its request in memory.
     */
    public record Bounds(int perNode, int perNetwork) {
    }

    private final String name;
    private final int maxBatch;
    private final Bounds bounds;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Map<String, AtomicInteger> admittedByNetwork = new ConcurrentHashMap<>();
    private final Duration answerWithin;
    private final Work<T, R> work;
    private final BlockingQueue<Job<T, R>> waiting = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean stopped;

    public GroupCommit(String name, int maxBatch, Bounds bounds, Duration answerWithin, Work<T, R> work) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.bounds = bounds;
        this.answerWithin = answerWithin;
        this.work = work;
        this.worker = new Thread(this::run, name);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Hands the item in, without a thread waiting: the answer completes on the worker's thread when
     * the item's batch is done (the work's exception, if it failed this item), and fails with
     * {@link NotAnswered} when the item waited longer than the time given for an answer before its
     * batch began. Throws {@link Full}, having handed in nothing, past the bounds; {@code network}
     * is the caller's client network (its label), or null when unknown (all unknown callers share one).
     */
    public CompletableFuture<R> submitAsync(T item, String network) {
        return submitAsync(() -> item, network);
    }

    /**
     * As {@link #submitAsync(Object, String)}, the item made only once the request is admitted: what
     * making it costs or changes (a signature's screening counts it against rate limits) is not
     * spent on a request that is refused and told nothing was saved.
     */
    public CompletableFuture<R> submitAsync(Supplier<T> item, String network) {
        String key = shareOf(network);
        admit(key);
        Job<T, R> job;
        try {
            job = new Job<>(item.get());
        } catch (RuntimeException failed) {
            release(key);
            throw failed;
        }
        job.answer.whenComplete((answer, failure) -> release(key));
        handIn(job);
        return job.answer;
    }

    /** The network whose share a request counts against; all callers of unknown networks share one. */
    private static String shareOf(String network) {
        return network == null ? "unknown" : network;
    }

    private void handIn(Job<T, R> job) {
        waiting.add(job);
        if (stopped) {
            failWaiting();
        }
    }

    private void admit(String network) {
        if (admitted.incrementAndGet() > bounds.perNode()) {
            admitted.decrementAndGet();
            throw new Full(name + ": " + bounds.perNode() + " requests waiting on this node", false);
        }
        boolean[] full = {false};
        admittedByNetwork.compute(network, (key, waiting) -> {
            AtomicInteger count = waiting == null ? new AtomicInteger() : waiting;
            if (count.get() >= bounds.perNetwork()) {
                full[0] = true;
            } else {
                count.incrementAndGet();
            }
            return count.get() == 0 ? null : count;
        });
        if (full[0]) {
            admitted.decrementAndGet();
            throw new Full(name + ": " + bounds.perNetwork() + " requests waiting from " + network, true);
        }
    }

    private void release(String network) {
        admittedByNetwork.computeIfPresent(network, (key, waiting) -> waiting.decrementAndGet() <= 0 ? null : waiting);
        admitted.decrementAndGet();
    }

    /** Requests waiting now, queued or in the batch being committed. */
    public int waiting() {
        return admitted.get();
    }

    /** Stops taking batches; whoever is still waiting, or comes later, is told to try again. */
    public void stop() {
        stopped = true;
        worker.interrupt();
    }

    private void failWaiting() {
        List<Job<T, R>> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(job -> job.fail(new NotAnswered(name + " is stopping")));
    }

    private void run() {
        try {
            while (!stopped) {
                List<Job<T, R>> batch = new ArrayList<>();
                batch.add(waiting.take());
                waiting.drainTo(batch, maxBatch - 1);
                if (stopped) {
                    // taken after stop() (its interrupt can lose the race with a new request): not run
                    batch.forEach(job -> job.fail(new NotAnswered(name + " is stopping")));
                    break;
                }
                giveUpOnExpired(batch);
                batch.removeIf(Job::isSettled);
                if (!batch.isEmpty()) {
                    runBatch(batch);
                }
            }
        } catch (InterruptedException stopping) {
            // stop() interrupts the wait for the next request
        } finally {
            failWaiting();
        }
    }

    /**
     * A job that waited longer than its answer was due (behind a batch the database held) is not
     * run: a waiting caller has given up on it already, and one that does not wait ({@link #submitAsync})
     * is told now.
     */
    private void giveUpOnExpired(List<Job<T, R>> batch) {
        long now = System.nanoTime();
        for (Job<T, R> job : batch) {
            if (now - job.handedInAt > answerWithin.toNanos()) {
                job.fail(new NotAnswered(name + " not answered within " + answerWithin.toSeconds() + " s"));
            }
        }
    }

    private void runBatch(List<Job<T, R>> batch) {
        try {
            work.run(batch);
        } catch (Throwable e) {
            // whatever it is, this thread lives on to take the next batch
            LOG.warn("{}: a batch of {} failed: {}", name, batch.size(), e.toString());
            batch.forEach(job -> job.fail(e));
        }
        for (Job<T, R> job : batch) {
            if (!job.isSettled()) {
                job.fail(new IllegalStateException(name + " left a request unanswered"));
            }
        }
    }
}
