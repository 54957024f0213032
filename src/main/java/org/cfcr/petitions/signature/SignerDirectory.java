package org.cfcr.petitions.signature;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;

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

    private final SignatureStore store;

    public SignerDirectory(SignatureStore store) {
        this.store = store;
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

    @Transactional(readOnly = true)
    public List<SignatureStore.PublicSigner> page(long campaignId, int page, int size) {
        return store.listedPage(campaignId, page, size);
    }
}
