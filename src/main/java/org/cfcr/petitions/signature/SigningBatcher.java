package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.CampaignClosedException;
import org.cfcr.petitions.kernel.db.DatabaseTrouble;
import org.cfcr.petitions.kernel.db.GroupCommit;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.kernel.web.PageThreads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Gathers the signatures that arrive together into one transaction. A viral campaign brings
 * thousands of signers a second, and one commit each would cap them at what the database commits
 * a second (the trivial-INSERT ceiling of bench/run). Each signer is still told "check your email"
 * only once their signature and its email are committed.
 */
@Singleton
public class SigningBatcher {

    private record Submission(String slug, SignatureRequest request, SignatureOrigin origin) {
    }

    private final SigningService signing;
    private final GroupCommit<Submission, SigningService.Outcome> submissions;
    private final SignatureMetrics metrics;
    private final ExecutorService pageThreads;

    SigningBatcher(SigningService signing, QueueSettings queues, SignatureMetrics metrics,
                   @Named(PageThreads.EXECUTOR) ExecutorService pageThreads) {
        this.signing = signing;
        this.pageThreads = pageThreads;
        this.metrics = metrics;
        this.submissions = new GroupCommit<>("signing-batcher", 200, queues.signing(), Duration.ofSeconds(60),
                this::signBatch);
        metrics.watch("signing", submissions);
    }

    /**
     * Hands the signature in to be stored with its email; what happened to it completes the answer
     * once both are committed, on the page threads ({@link PageThreads}), so that what the caller
     * makes of it (and the server writes out) is not made on the batch's one thread. Nothing waits
     * meanwhile ({@link Signing#sign} says what that saved). Throws {@link QueueFull} (nothing
     * stored) when this node, or the signer's network, has as many signatures waiting as it takes.
     * The signature is screened ({@code origin}) only once it has its place, so a refused one has
     * used up none of its sender's allowances either.
     */
    public CompletableFuture<SigningService.Outcome> sign(String slug, SignatureRequest request,
                                                         Supplier<SignatureOrigin> origin, @Nullable ClientAddress client) {
        try {
            return submissions.submitAsync(() -> new Submission(slug, request, origin.get()),
                    client == null ? null : client.shareLabel()).thenApplyAsync(outcome -> outcome, pageThreads);
        } catch (GroupCommit.Full full) {
            metrics.refused("signing", full);
            throw QueueFull.signing(full);
        }
    }

    /** Signatures waiting now on this node, queued or being committed. */
    public int waiting() {
        return submissions.waiting();
    }

    private void signBatch(List<GroupCommit.Job<Submission, SigningService.Outcome>> batch) {
        if (batch.size() == 1) {
            signOneByOne(batch);
            return;
        }
        List<GroupCommit.Job<Submission, SigningService.Outcome>> open = new ArrayList<>();
        List<SigningService.Signing> signings = new ArrayList<>();
        for (var job : batch) {
            Submission submission = job.item();
            try {
                signings.add(signing.signing(signing.openCampaign(submission.slug()), submission.request(),
                        submission.origin()));
                open.add(job);
            } catch (RuntimeException closedOrGone) {
                job.fail(closedOrGone);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        List<SigningService.Outcome> outcomes;
        try {
            outcomes = Sql.onceMoreOnConflict(() -> signing.signAll(signings));
        } catch (RuntimeException e) {
            if (DatabaseTrouble.isUnavailable(e)) {
                throw e;
            }
            // one signature the database refuses, or an address another node stored a moment ago,
            // must not fail the others with it: the batch was rolled back, and each goes alone
            signOneByOne(open);
            return;
        }
        for (int i = 0; i < open.size(); i++) {
            if (outcomes.get(i) == SigningService.Outcome.CAMPAIGN_CLOSED) {
                open.get(i).fail(new CampaignClosedException(signings.get(i).campaign()));
            } else {
                metrics.received(outcomes.get(i), open.get(i).item().origin().hold());
                open.get(i).answer(outcomes.get(i));
            }
        }
    }

    private void signOneByOne(List<GroupCommit.Job<Submission, SigningService.Outcome>> jobs) {
        for (var job : jobs) {
            Submission submission = job.item();
            try {
                SigningService.Outcome outcome = signing.sign(submission.slug(), submission.request(), submission.origin());
                metrics.received(outcome, submission.origin().hold());
                job.answer(outcome);
            } catch (RuntimeException e) {
                job.fail(e);
            }
        }
    }

    @PreDestroy
    void stop() {
        submissions.stop();
    }
}
