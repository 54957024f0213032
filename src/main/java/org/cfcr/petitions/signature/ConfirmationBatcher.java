package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.GroupCommit;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.kernel.web.PageThreads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Gathers the confirmations that arrive together into one transaction. After a campaign's email
 * wave, thousands of signers press "confirm" each second; one commit each would cap them at what
 * the database commits a second (the trivial-INSERT ceiling of bench/run). Each click still gets
 * its answer only after its confirmation is committed.
 */
@Singleton
public class ConfirmationBatcher {

    private final ConfirmationService confirmations;
    private final GroupCommit<ConfirmationService.Click, ConfirmationService.LinkStatus> clicks;
    private final SignatureMetrics metrics;
    private final ExecutorService pageThreads;

    ConfirmationBatcher(ConfirmationService confirmations, QueueSettings queues, SignatureMetrics metrics,
                        @Named(PageThreads.EXECUTOR) ExecutorService pageThreads) {
        this.confirmations = confirmations;
        this.pageThreads = pageThreads;
        this.metrics = metrics;
        this.clicks = new GroupCommit<>("confirmation-batcher", 200, queues.confirming(), Duration.ofSeconds(60),
                this::confirmBatch);
        metrics.watch("confirming", clicks);
    }

    /**
     * Confirms the link of the click's token (the POST behind the confirmation page's button). The
     * answer completes on the page threads ({@link PageThreads}) once the click's batch has
     * committed, so that what the caller makes of it is not made on the batch's one thread; no
     * thread waits meanwhile, as for a signature ({@link SigningBatcher#sign}). Throws {@link QueueFull}
     * (nothing changed) when this node, or the client's network, has as many confirmations waiting
     * as it takes.
     */
    public CompletableFuture<ConfirmationService.LinkStatus> confirm(ConfirmationService.Click click,
                                                                     @Nullable ClientAddress client) {
        if (!ConfirmationTokens.hasTokenShape(click.token())) {
            return CompletableFuture.completedFuture(ConfirmationService.LinkStatus.unknown());
        }
        try {
            return clicks.submitAsync(click, client == null ? null : client.shareLabel())
                    .thenApplyAsync(status -> status, pageThreads);
        } catch (GroupCommit.Full full) {
            metrics.refused("confirming", full);
            throw QueueFull.confirming(full);
        }
    }

    /** Confirmations waiting now on this node, queued or being committed. */
    public int waiting() {
        return clicks.waiting();
    }

    private void confirmBatch(List<GroupCommit.Job<ConfirmationService.Click, ConfirmationService.LinkStatus>> batch) {
        List<ConfirmationService.Click> items = batch.stream().map(GroupCommit.Job::item).toList();
        List<ConfirmationService.LinkStatus> answers = Sql.onceMoreOnConflict(() -> confirmations.confirmAll(items));
        for (int i = 0; i < batch.size(); i++) {
            metrics.clicked(answers.get(i).state());
            batch.get(i).answer(answers.get(i));
        }
    }

    @PreDestroy
    void stop() {
        clicks.stop();
    }
}
