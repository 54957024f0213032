package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.screening.HoldRule;

/**
 * What one submission of the sign form said, and how screening judged it: exactly what its own
 * confirmation link publishes. A pending signature holds its first submission; a later one is a
 * {@link Resubmission}. Nothing one submission says changes another.
 *
 * @param email    the address as typed, which the link was sent to and later emails go to
 * @param holdRule the rule that held this submission back, if any: its own, never another's
 */
public record Submission(String email, String name, String country, @Nullable String city, PublicDisplay display,
                         boolean wantsUpdates, Lang lang, @Nullable HoldRule holdRule) {

    static Submission of(SignatureRequest request, @Nullable HoldRule hold) {
        return new Submission(request.email().value(), request.name(), request.country(), request.city(),
                request.publicDisplay(), request.emailUpdates(), request.lang(), hold);
    }

    /** The same submission with the owner's own corrections, made on the confirm page. */
    Submission correctedBy(@Nullable Corrections corrections) {
        return corrections == null ? this : new Submission(email, corrections.name(), country, corrections.city(),
                corrections.display(), wantsUpdates, lang, holdRule);
    }

    /**
     * What the owner of the mailbox may still change on the confirm page before confirming: the
     * link proves the mailbox, so they may fix a typo or choose how they are shown.
     */
    public record Corrections(String name, @Nullable String city, PublicDisplay display) {
    }
}
