package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import org.cfcr.petitions.kernel.i18n.Lang;

import java.time.Duration;
import java.util.Optional;

/**
 * A request the service refuses for a reason a person can read: no such campaign, a closed
 * campaign, an export already running. Features throw it; {@link ErrorController} alone turns it
 * into a page in the visitor's language, or JSON under /api/.
 */
public abstract class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final String messageKey;

    protected DomainException(HttpStatus status, String messageKey, String message) {
        super(message, null, false, false);
        this.status = status;
        this.messageKey = messageKey;
    }

    public HttpStatus status() {
        return status;
    }

    /** The message bundle key of what the visitor reads. */
    public String messageKey() {
        return messageKey;
    }

    /** When to try again, sent as {@code Retry-After}: for refusals that pass once the node is less busy. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** The campaign the error page links back to, if the refusal is about one. */
    public @Nullable ErrorPage.CampaignLink campaign(Lang lang) {
        return null;
    }
}
