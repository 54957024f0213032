package org.cfcr.petitions.signature;

import io.micronaut.http.HttpStatus;
import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.kernel.db.GroupCommit;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.web.ErrorPage;
import org.cfcr.petitions.kernel.web.DomainException;

import java.time.Duration;
import java.util.Optional;

/**
 * A signature or a confirmation refused because too many wait already: nothing was stored, and
 * the person is told to send it again shortly. 429 when their own network holds its share of the
 * queue, 503 when the node is full.
 */
final class QueueFull extends DomainException {

    static final Duration RETRY_AFTER_NODE_FULL = Duration.ofSeconds(5);
    static final Duration RETRY_AFTER_NETWORK_SHARE = Duration.ofSeconds(10);

    private final Duration retryAfter;
    private final transient Campaign campaign;

    private QueueFull(HttpStatus status, String messageKey, Duration retryAfter, String why, @Nullable Campaign campaign) {
        super(status, messageKey, why);
        this.retryAfter = retryAfter;
        this.campaign = campaign;
    }

    private QueueFull(HttpStatus status, String messageKey, Duration retryAfter, String why) {
        this(status, messageKey, retryAfter, why, null);
    }

    /** The same refusal, with a link back to the campaign the person was signing. */
    QueueFull about(Campaign signed) {
        return new QueueFull(status(), messageKey(), retryAfter, getMessage(), signed);
    }

    @Override
    public ErrorPage.CampaignLink campaign(Lang lang) {
        return campaign == null ? null : new ErrorPage.CampaignLink(campaign.slug(), campaign.title(lang));
    }

    static QueueFull signing(GroupCommit.Full full) {
        return full.networkShare()
                ? new QueueFull(HttpStatus.TOO_MANY_REQUESTS, "error.busySigningFromNetwork", RETRY_AFTER_NETWORK_SHARE, full.getMessage())
                : new QueueFull(HttpStatus.SERVICE_UNAVAILABLE, "error.busySigning", RETRY_AFTER_NODE_FULL, full.getMessage());
    }

    static QueueFull confirming(GroupCommit.Full full) {
        return full.networkShare()
                ? new QueueFull(HttpStatus.TOO_MANY_REQUESTS, "error.busyConfirmingFromNetwork", RETRY_AFTER_NETWORK_SHARE, full.getMessage())
                : new QueueFull(HttpStatus.SERVICE_UNAVAILABLE, "error.busyConfirming", RETRY_AFTER_NODE_FULL, full.getMessage());
    }

    static QueueFull linkPages(GroupCommit.Full full) {
        return full.networkShare()
                ? new QueueFull(HttpStatus.TOO_MANY_REQUESTS, "error.busyLinksFromNetwork", RETRY_AFTER_NETWORK_SHARE, full.getMessage())
                : new QueueFull(HttpStatus.SERVICE_UNAVAILABLE, "error.busyLinks", RETRY_AFTER_NODE_FULL, full.getMessage());
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
