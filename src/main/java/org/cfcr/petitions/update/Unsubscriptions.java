package org.cfcr.petitions.update;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.mail.EmailKind;
import org.cfcr.petitions.mail.Outbox;
import org.cfcr.petitions.signature.SignatureStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A signer's "no more updates": their signature stays and counts; the mailings stop. */
@Singleton
public class Unsubscriptions {

    private final SignatureStore signatures;
    private final Outbox outbox;

    Unsubscriptions(SignatureStore signatures, Outbox outbox) {
        this.signatures = signatures;
        this.outbox = outbox;
    }

    /** The campaign of the signature, after making sure it gets no more updates; empty if the signature is gone. */
    @Transactional
    public Optional<Long> unsubscribe(long signatureId) {
        Optional<Long> campaign = signatures.stopUpdates(signatureId);
        // updates already queued for this signer are dropped too
        campaign.ifPresent(found -> outbox.dropPending(List.of(signatureId), EmailKind.Lane.BULK));
        return campaign;
    }

    /**
     * The campaign of each signature, in the order given; empty where the signature is gone. One
     * statement for all, outside a transaction (as ConfirmationService.inspectAll).
     */
    @Connectable
    public List<Optional<Long>> campaignsOf(List<Long> signatureIds) {
        Map<Long, Long> found = signatures.campaignsOf(signatureIds);
        return signatureIds.stream().map(id -> Optional.ofNullable(found.get(id))).toList();
    }
}
