package org.cfcr.petitions.campaign;

import io.micronaut.data.annotation.event.PostPersist;
import io.micronaut.data.annotation.event.PostUpdate;
import io.micronaut.data.event.EntityEventContext;
import io.micronaut.data.event.EntityEventListener;
import io.micronaut.data.model.runtime.RuntimePersistentEntity;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.util.Optional;

/**
 * Tells this node's {@link CampaignCatalog} of a campaign written here, once the write is
 * committed: a lead who creates, edits, publishes or closes a campaign sees it on their next page,
 * not up to {@link CampaignCatalog#FRESHNESS} later, now that an address missing from the public
 * list is answered from memory. Forgetting before the commit would let a read in between keep the
 * old state. Other nodes see the change within the freshness, as before.
 */
@Singleton
class CampaignChanges implements EntityEventListener<Campaign> {

    private final CampaignCatalog catalog;
    private final TransactionOperations<Connection> transactions;

    CampaignChanges(CampaignCatalog catalog, TransactionOperations<Connection> transactions) {
        this.catalog = catalog;
        this.transactions = transactions;
    }

    @Override
    public boolean supports(RuntimePersistentEntity<Campaign> entity, Class<? extends Annotation> eventType) {
        return entity.getIntrospection().getBeanType() == Campaign.class
                && (eventType == PostPersist.class || eventType == PostUpdate.class);
    }

    @Override
    public void postPersist(EntityEventContext<Campaign> context) {
        changed(context.getEntity().id());
    }

    @Override
    public void postUpdate(EntityEventContext<Campaign> context) {
        changed(context.getEntity().id());
    }

    /** A campaign's row was written, by the repository or by a statement of {@link CampaignStore}. */
    void changed(Long id) {
        if (id == null) {
            return;
        }
        Optional<? extends TransactionStatus<?>> transaction = transactions.findTransactionStatus();
        if (transaction.isEmpty()) {
            catalog.forget(id);
            return;
        }
        transaction.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                catalog.forget(id);
            }
        });
    }
}
