package org.cfcr.petitions.signature;

import jakarta.inject.Singleton;
import org.cfcr.petitions.mail.Outbox;

import java.util.Collection;

/**
 * The one way a signer's personal data is erased, whether the signer withdraws, the signature was
 * never confirmed in time, or the campaign closed long ago: the store erases the rows and their
 * links, and the emails still waiting for them are not sent. Runs in the caller's transaction.
 */
@Singleton
public class SignerErasure {

    private final SignatureStore store;
    private final Outbox outbox;

    SignerErasure(SignatureStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /** Returns how many signatures were erased. */
    public int erase(Collection<Long> signatureIds, SignatureStore.Erasure why) {
        if (signatureIds.isEmpty()) {
            return 0;
        }
        if (why == SignatureStore.Erasure.NEVER_CONFIRMED) {
            outbox.deleteAll(signatureIds);
        } else {
            outbox.forget(signatureIds);
        }
        return store.erase(signatureIds, why);
    }
}
