package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.DatabaseTrouble;
import org.cfcr.petitions.kernel.db.GroupCommit;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.kernel.web.PageThreads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The pages of signers' own links (confirm, withdraw, unsubscribe) read the views that arrive
 * together as one. Each view must read the database (the link is the signer's alone, so no cache
 * serves it), and one transaction and statement per view held these pages to a tenth of the
 * trivial GET, below even one row read by its key (bench/run's ceiling-read). A batch of up to 200
 * views is read on one connection, outside a transaction, by statements that take the whole batch
 * at once (IN the batch's token hashes, or signature ids); a lone view goes at once, and while one
 * batch reads, the next gathers. One thread per kind reads, and builds what each page shows (the
 * signer's details opened from their sealed form): more side by side made smaller batches, and the
 * confirm page served about 10,000 views a second with two and 8,000 with four, against 12,600
 * with one (bench/lib.sh's link pages, 2 cores).
 * <p>
 * Each kind of page has its own bound on the views waiting on the node and from one client network
 * ({@link QueueSettings}; three kinds, so up to three times the node's bound in all); past it the
 * visitor is told to open the link again shortly.
 */
@Singleton
public class LinkPageReads {

    private static final int LARGEST_BATCH = 200;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    private final QueueSettings queues;
    private final SignatureMetrics metrics;
    private final ExecutorService pageThreads;
    private final List<GroupCommit<?, ?>> started = new CopyOnWriteArrayList<>();

    LinkPageReads(QueueSettings queues, SignatureMetrics metrics, @Named(PageThreads.EXECUTOR) ExecutorService pageThreads) {
        this.queues = queues;
        this.metrics = metrics;
        this.pageThreads = pageThreads;
    }

    /** Reads one kind of page together: readAll answers each key of a batch, in the order given. */
    public <K, V> Reader<K, V> reader(String name, Function<List<K>, List<V>> readAll) {
        GroupCommit<K, V> views = new GroupCommit<>(name, LARGEST_BATCH, queues.linkPages(), ANSWER_WITHIN,
                batch -> answer(batch, readAll));
        started.add(views);
        metrics.watch(name, views);
        return new Reader<>(name, views);
    }

    /**
     * Answers each view of the batch. When the database is unavailable every view gets its 503; when
     * the batch fails for anything else (one row that cannot be opened, say), each view is read on
     * its own, so that only the view it belongs to fails and strangers' views are not refused for it.
     */
    private static <K, V> void answer(List<GroupCommit.Job<K, V>> batch, Function<List<K>, List<V>> readAll) {
        List<V> answers;
        try {
            answers = readAll.apply(batch.stream().map(GroupCommit.Job::item).toList());
        } catch (RuntimeException failed) {
            if (batch.size() == 1 || DatabaseTrouble.isUnavailable(failed)) {
                throw failed;
            }
            for (GroupCommit.Job<K, V> view : batch) {
                try {
                    view.answer(readAll.apply(List.of(view.item())).get(0));
                } catch (RuntimeException alone) {
                    view.fail(alone);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer(answers.get(i));
        }
    }

    /** The views of one kind of page. */
    public final class Reader<K, V> {
        private final String name;
        private final GroupCommit<K, V> views;

        private Reader(String name, GroupCommit<K, V> views) {
            this.name = name;
            this.views = views;
        }

        /**
         * Reads what the page of this key shows with the views that came with it, holding no thread
         * while the view waits: {@code then} makes the page of what was read on the page threads
         * ({@link PageThreads}), where the server renders it too. The view's own thread only hands
         * the key in (the event loop must not wait for the database, and a blocking thread waiting
         * for each view was a fifth to a quarter of what these pages cost: async-profiler over
         * bench/lib.sh's link pages). Throws {@link QueueFull} (429 or 503, to open the link again
         * shortly) past the bounds.
         */
        public <P> CompletableFuture<P> readThen(K key, @Nullable ClientAddress client, Function<V, P> then) {
            try {
                return views.submitAsync(key, client == null ? null : client.shareLabel()).thenApplyAsync(then, pageThreads);
            } catch (GroupCommit.Full full) {
                metrics.refused(name, full);
                throw QueueFull.linkPages(full);
            }
        }
    }

    /** Views waiting now on this node, queued or being read, of every kind. */
    public int waiting() {
        return started.stream().mapToInt(GroupCommit::waiting).sum();
    }

    @PreDestroy
    void stop() {
        started.forEach(GroupCommit::stop);
    }
}
