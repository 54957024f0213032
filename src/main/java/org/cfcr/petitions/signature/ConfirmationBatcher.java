package org.cfcr.petitions.signature;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.GroupCommit;
import org.cfcr.petitions.kernel.db.Sql;

import java.time.Duration;
import java.util.List;

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

    ConfirmationBatcher(ConfirmationService confirmations) {
        this.confirmations = confirmations;
        this.clicks = new GroupCommit<>("confirmation-batcher", 200, Duration.ofSeconds(60), this::confirmBatch);
    }

    /** Confirms the link of the click's token (the POST behind the confirmation page's button). */
    public ConfirmationService.LinkStatus confirm(ConfirmationService.Click click) {
        if (!ConfirmationTokens.hasTokenShape(click.token())) {
            return ConfirmationService.LinkStatus.unknown();
        }
        return clicks.submit(click);
    }

    private void confirmBatch(List<GroupCommit.Job<ConfirmationService.Click, ConfirmationService.LinkStatus>> batch) {
        List<ConfirmationService.Click> items = batch.stream().map(GroupCommit.Job::item).toList();
        List<ConfirmationService.LinkStatus> answers = Sql.onceMoreOnConflict(() -> confirmations.confirmAll(items));
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer(answers.get(i));
        }
    }

    @PreDestroy
    void stop() {
        clicks.stop();
    }
}
