package org.cfcr.petitions.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.FreshCache;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The public's view of campaigns. Every page view and API call needs its campaign, so reads come
 * from a short-lived cache: a crowd costs one query every second, and a lead's change made on any
 * node shows here within {@link #FRESHNESS} ({@link FreshCache}); on the node that made it, at
 * once ({@link CampaignChanges}). Whether a campaign takes a signature is decided again from the
 * database when the signature is stored.
 * <p>
 * The public campaigns are read as one list, which the home page shows anyway, and looked up by
 * slug in it: an address that names no public campaign is answered from memory. Reading the
 * database for each unknown slug made a crowd of wrong addresses (or someone probing) a load on
 * the database, and filled a cache of slugs with them.
 */
@Singleton
public class CampaignCatalog {

    static final Duration FRESHNESS = Duration.ofSeconds(2);

    /**
     * The public campaigns as read at one moment: newest first, and by slug; asOfChange counts the
     * changes this node had committed when the reading began.
     */
    record PublicCampaigns(List<Campaign> newestFirst, Map<String, Campaign> bySlug, long asOfChange) {

        static PublicCampaigns of(List<Campaign> newestFirst, long asOfChange) {
            Map<String, Campaign> bySlug = new HashMap<>();
            newestFirst.forEach(campaign -> bySlug.put(campaign.slug(), campaign));
            return new PublicCampaigns(List.copyOf(newestFirst), Map.copyOf(bySlug), asOfChange);
        }

        Optional<Campaign> find(@Nullable String slug) {
            return slug == null ? Optional.empty() : Optional.ofNullable(bySlug.get(slug));
        }
    }

    private final CampaignRepository repository;
    /**
     * Campaign changes committed on this node. A reading begun before one (a reload in the
     * background, or another request's) may end after it is forgotten, and would keep the old list:
     * a reading that counts fewer changes is read again.
     */
    private final AtomicLong changes = new AtomicLong();
    private final FreshCache<Boolean, PublicCampaigns> publicCampaigns;
    private final FreshCache<Long, Optional<Campaign>> byId;
    private final ExecutorService blocking;
    private final Scheduler worker;

    public CampaignCatalog(CampaignRepository repository, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.repository = repository;
        this.blocking = blocking;
        this.worker = Schedulers.fromExecutorService(blocking);
        this.publicCampaigns = new FreshCache<>(FRESHNESS, 1, blocking, ignored -> loadPublic());
        this.byId = new FreshCache<>(FRESHNESS, 10_000, blocking, this::loadById);
    }

    /**
     * Any campaign, whatever its state, by id, as read within {@link #FRESHNESS}: for what may show
     * a campaign a moment old, such as the title in a wave of emails (read once, not per batch).
     * Decisions on its state (may this link still confirm?) read the campaign fresh instead.
     */
    public Optional<Campaign> byId(long id) {
        Optional<Campaign> read = byId.get(id);
        if (read.isEmpty()) {
            // callers name campaigns that exist (a signature's, an email's): an absence kept from a
            // reading begun before the campaign was committed is not kept, it is read again
            byId.invalidate(id);
            read = byId.get(id);
        }
        return read;
    }

    /** As {@link #publicCampaignSoon}, for readers that compose a Mono (the live count's stream). */
    public Mono<Campaign> publicCampaign(String slug) {
        return Mono.fromFuture(() -> publicCampaignSoon(slug));
    }

    /**
     * The public campaign for readers on the event loop: from memory at once, as a completed future
     * that the server writes without the steps a reactive type takes (the JSON API's count, the
     * busiest read of a viral campaign), or read on a worker thread when it was not looked up
     * lately; fails with "no such campaign" (404).
     */
    public CompletableFuture<Campaign> publicCampaignSoon(String slug) {
        PublicCampaigns cached = currentIfFresh();
        if (cached != null) {
            return cached.find(slug).map(CompletableFuture::completedFuture)
                    .orElseGet(() -> CompletableFuture.failedFuture(new CampaignNotFoundException(slug)));
        }
        return CompletableFuture.supplyAsync(() -> requirePublic(slug), blocking);
    }

    /** The public list for readers on the event loop, as {@link #publicCampaignSoon} reads one campaign. */
    public Mono<List<Campaign>> publicCampaigns() {
        PublicCampaigns cached = currentIfFresh();
        return cached != null ? Mono.just(cached.newestFirst()) : Mono.fromCallable(this::listPublic).subscribeOn(worker);
    }

    /** A campaign the public may see (open or closed), by its slug. */
    public Optional<Campaign> findPublic(String slug) {
        return current().find(slug);
    }

    /** A campaign the public may see, or the "no such campaign" answer (404). */
    public Campaign requirePublic(String slug) {
        return findPublic(slug).orElseThrow(() -> new CampaignNotFoundException(slug));
    }

    /** Open and closed campaigns, newest first. */
    public List<Campaign> listPublic() {
        return current().newestFirst();
    }

    /** The public campaigns, read within the freshness and after every change committed here. */
    private PublicCampaigns current() {
        PublicCampaigns read = publicCampaigns.get(Boolean.TRUE);
        // a few tries: under a stream of changes, a reading a moment old is still within the freshness
        for (int tries = 0; read.asOfChange() < changes.get() && tries < 3; tries++) {
            publicCampaigns.invalidate(Boolean.TRUE);
            read = publicCampaigns.get(Boolean.TRUE);
        }
        return read;
    }

    /** As {@link #current}, from memory without waiting, or null. */
    @Nullable
    private PublicCampaigns currentIfFresh() {
        PublicCampaigns read = publicCampaigns.getIfFresh(Boolean.TRUE);
        return read != null && read.asOfChange() >= changes.get() ? read : null;
    }

    /** A change to this campaign was committed here: the next read on this node reads it again. */
    void forget(long id) {
        changes.incrementAndGet();
        publicCampaigns.invalidate(Boolean.TRUE);
        byId.invalidate(id);
    }

    @Transactional(readOnly = true)
    protected PublicCampaigns loadPublic() {
        long asOfChange = changes.get(); // before the query: a change committed after it makes this reading old
        return PublicCampaigns.of(repository.findByStateInOrderByCreatedAtDesc(CampaignState.PUBLIC), asOfChange);
    }

    @Transactional(readOnly = true)
    protected Optional<Campaign> loadById(long id) {
        return repository.findById(id);
    }
}
