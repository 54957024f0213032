package org.cfcr.petitions.signature;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gathers the confirmations that arrive together into one transaction. After a campaign's email
 * wave, thousands of signers press "confirm" each second; one commit each would cap them at what
 * the database commits a second (measured: about the trivial-INSERT ceiling, 1,800 a second on a
 * 2-core machine). One thread per node takes whatever is waiting (up to {@value #MAX_BATCH}) and
 * confirms it at once, so a lone click goes through at once and a crowd shares commits. Each
 * click still gets its answer only after its confirmation is committed.
 */
@Singleton
public class ConfirmationBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationBatcher.class);
    private static final int MAX_BATCH = 200;
    private static final long ANSWER_WITHIN_SECONDS = 60;

    private record Click(String token, CompletableFuture<ConfirmationService.LinkStatus> answer) {
    }

    private final ConfirmationService confirmations;
    private final BlockingQueue<Click> waiting = new LinkedBlockingQueue<>();
    private final Thread worker;

    ConfirmationBatcher(ConfirmationService confirmations) {
        this.confirmations = confirmations;
        this.worker = new Thread(this::run, "confirmation-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /** Confirms the link of this token (the POST behind the confirmation page's button). */
    public ConfirmationService.LinkStatus confirm(String token) {
        if (!ConfirmationTokens.hasTokenShape(token)) {
            return ConfirmationService.LinkStatus.unknown();
        }
        CompletableFuture<ConfirmationService.LinkStatus> answer = new CompletableFuture<>();
        waiting.add(new Click(token, answer));
        try {
            return answer.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while confirming", e);
        } catch (TimeoutException e) {
            // given up on: a click that is still waiting is dropped, so it cannot count after an error page
            answer.cancel(false);
            throw new IllegalStateException("Confirmation not answered within " + ANSWER_WITHIN_SECONDS + " s", e);
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            List<Click> batch = new ArrayList<>();
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, MAX_BATCH - 1);
            batch.removeIf(click -> click.answer().isDone());
            if (!batch.isEmpty()) {
                confirmBatch(batch);
            }
        }
    }

    private void confirmBatch(List<Click> batch) {
        List<String> tokens = batch.stream().map(Click::token).toList();
        try {
            List<ConfirmationService.LinkStatus> answers;
            try {
                answers = confirmations.confirmAll(tokens);
            } catch (Sql.TransientException conflict) {
                // a deadlock with another node's batch: it committed, ours rolled back; once more
                answers = confirmations.confirmAll(tokens);
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
        } catch (Throwable e) {
            // whatever it is, this thread lives on to confirm the next clicks
            LOG.warn("Confirming a batch of {} failed: {}", batch.size(), e.toString());
            batch.forEach(click -> click.answer().completeExceptionally(e));
        }
    }

    @PreDestroy
    void stop() {
        worker.interrupt();
    }
}
