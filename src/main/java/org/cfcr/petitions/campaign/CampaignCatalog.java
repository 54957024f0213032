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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The public's view of campaigns. Every page view and API call needs its campaign, so reads come
 * from a short-lived cache: a crowd costs one query per campaign every second, and a lead's change
 * made on any node shows here within {@link #FRESHNESS} ({@link FreshCache}). Whether a campaign
 * takes a signature is decided again from the database when the signature is stored.
 */
@Singleton
public class CampaignCatalog {

    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private final CampaignRepository repository;
    private final FreshCache<String, Optional<Campaign>> bySlug;
    private final FreshCache<Boolean, List<Campaign>> publicList;
    private final FreshCache<Long, Optional<Campaign>> byId;
    private final Scheduler worker;

    public CampaignCatalog(CampaignRepository repository, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.repository = repository;
        this.worker = Schedulers.fromExecutorService(blocking);
        this.bySlug = new FreshCache<>(FRESHNESS, 10_000, this::loadPublic);
        this.publicList = new FreshCache<>(FRESHNESS, 1, ignored -> loadPublicList());
        this.byId = new FreshCache<>(FRESHNESS, 10_000, this::loadById);
    }

    /**
     * Any campaign, whatever its state, by id, as read within {@link #FRESHNESS}: for what may show
     * a campaign a moment old, such as the title in a wave of emails (read once, not per batch).
     * Decisions on its state (may this link still confirm?) read the campaign fresh instead.
     */
    public Optional<Campaign> byId(long id) {
        return byId.get(id);
    }

    /**
     * The public campaign for readers on the event loop: from memory at once, or read on a worker
     * thread when it was not looked up lately; fails with "no such campaign" (404).
     */
    public Mono<Campaign> publicCampaign(String slug) {
        Optional<Campaign> cached = cachedPublic(slug);
        if (cached != null) {
            return Mono.justOrEmpty(cached).switchIfEmpty(Mono.error(() -> new CampaignNotFoundException(slug)));
        }
        return Mono.fromCallable(() -> requirePublic(slug)).subscribeOn(worker);
    }

    /** The public list for readers on the event loop, as {@link #publicCampaign} reads one campaign. */
    public Mono<List<Campaign>> publicCampaigns() {
        List<Campaign> cached = cachedPublicList();
        return cached != null ? Mono.just(cached) : Mono.fromCallable(this::listPublic).subscribeOn(worker);
    }

    /** A campaign the public may see (open or closed), by its slug. */
    public Optional<Campaign> findPublic(String slug) {
        return couldBeSlug(slug) ? bySlug.get(slug) : Optional.empty();
    }

    /**
     * What is in memory and fresh for this slug, without ever waiting on the database: null when
     * the slug was not looked up lately (then ask {@link #findPublic} on a thread that may block).
     * For readers on the event loop.
     */
    @Nullable
    private Optional<Campaign> cachedPublic(String slug) {
        return couldBeSlug(slug) ? bySlug.getIfFresh(slug) : Optional.empty();
    }

    /** Anything longer is no slug of ours, and must not fill the cache. */
    private static boolean couldBeSlug(String slug) {
        return slug != null && slug.length() <= 80;
    }

    /** The public list if it is in memory (null if not yet read), without waiting on the database. */
    @Nullable
    private List<Campaign> cachedPublicList() {
        return publicList.getIfFresh(Boolean.TRUE);
    }

    /** A campaign the public may see, or the "no such campaign" answer (404). */
    public Campaign requirePublic(String slug) {
        return findPublic(slug).orElseThrow(() -> new CampaignNotFoundException(slug));
    }

    /** Open and closed campaigns, newest first. */
    public List<Campaign> listPublic() {
        return publicList.get(Boolean.TRUE);
    }

    @Transactional(readOnly = true)
    protected Optional<Campaign> loadPublic(String slug) {
        return repository.findBySlug(slug).filter(Campaign::isPublic);
    }

    @Transactional(readOnly = true)
    protected Optional<Campaign> loadById(long id) {
        return repository.findById(id);
    }

    @Transactional(readOnly = true)
    protected List<Campaign> loadPublicList() {
        return repository.findByStateInOrderByCreatedAtDesc(CampaignState.PUBLIC);
    }
}
