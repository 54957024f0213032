package org.cfcr.petitions.mail;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a feature supplies for the emails it queues: for a batch of them, what each one says. The
 * outbox delivers; the feature decides whether an email is still worth sending and writes it.
 */
public interface Letters {

    /** The kinds of email this feature writes. */
    Collection<? extends EmailKind> kinds();

    /**
     * For each email, in order, the letter to send, or empty when there is nothing left to say
     * (confirmed or withdrawn since, unsubscribed). Called in one transaction for the whole batch,
     * so a feature reads its signers once and writes link tokens in one statement.
     */
    List<Optional<Letter>> prepare(List<QueuedEmail> emails);

    /** An email ready to be written; rendering needs no database and runs outside the transaction. */
    @FunctionalInterface
    interface Letter {
        OutgoingEmail render();
    }
}
