package org.cfcr.petitions.signature;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.FreshCache;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The public list of confirmed signers, newest first, as each signer chose to appear. It reads
 * only public fields: the email address never leaves this query.
 */
@Singleton
public class SignerDirectory {

    public static final int MAX_PAGE_SIZE = 100;
    /**
     * Pages reach back over the newest 10,000 signers. A deeper OFFSET makes the database walk
     * every row before it, which anyone could use to load it; whole lists are for downloads.
     */
    public static final int MAX_OFFSET = 10_000;

    public static boolean isWithinReach(int page, int size) {
        return page >= 0 && size >= 1 && size <= MAX_PAGE_SIZE && (long) page * size < MAX_OFFSET;
    }

    /** How old a page of the list may be: as old as the count beside it. */
    public static final Duration FRESHNESS = Duration.ofSeconds(2);
    /** Pages kept at once: at most 100 signers each, a few MB in all. */
    private static final int PAGES_KEPT = 500;

    private record PageKey(long campaignId, int page, int size) {
    }

    private final SignatureStore store;
    private final FreshCache<PageKey, List<SignatureStore.PublicSigner>> pages;

    public SignerDirectory(SignatureStore store, TransactionOperations<Connection> transactions,
                           @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.store = store;
        this.pages = new FreshCache<>(FRESHNESS, PAGES_KEPT, blocking, key -> transactions.executeRead(
                status -> store.listedPage(key.campaignId(), key.page(), key.size())));
    }

    /**
     * The next signers in order of confirmation, for downloads of the whole list: each batch is a
     * short query that continues where the last stopped (keyset paging), so a million signers take
     * constant memory and no long transaction.
     */
    @Transactional(readOnly = true)
    public SignatureStore.ListBatch after(long campaignId, SignatureStore.ListCursor cursor, int size) {
        return store.listedAfter(campaignId, cursor, size);
    }

    /**
     * A page of the list, newest first, at most {@link #FRESHNESS} old: a crowd on the signer list
     * shares one read (and one opening of each name) per page.
     */
    public List<SignatureStore.PublicSigner> page(long campaignId, int page, int size) {
        return pages.get(new PageKey(campaignId, page, size));
    }
}
