package org.cfcr.petitions.campaign;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The public's view of campaigns. Every page view and API call needs its campaign, so reads come
 * from a short-lived cache: a crowd costs one query per campaign every few seconds, and an edit
 * made on another node shows here within {@link #FRESHNESS}.
 */
@Singleton
public class CampaignCatalog {

    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private final CampaignRepository repository;
    private final LoadingCache<String, Optional<Campaign>> bySlug;
    private final LoadingCache<Boolean, List<Campaign>> publicList;
    private final LoadingCache<Long, Optional<Campaign>> byId;
    private final Scheduler worker;

    public CampaignCatalog(CampaignRepository repository, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.repository = repository;
        this.worker = Schedulers.fromExecutorService(blocking);
        // refreshAfterWrite: after FRESHNESS one caller triggers a reload in the background while
        // everyone keeps reading the current value; no reader waits on the database after the first,
        // and when the database is down the last known campaigns stay (a failed reload keeps them)
        this.bySlug = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(FRESHNESS)
                .build(slug -> loadPublic(slug));
        this.publicList = Caffeine.newBuilder().refreshAfterWrite(FRESHNESS)
                .build(ignored -> loadPublicList());
        this.byId = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(FRESHNESS)
                .build(id -> loadById(id));
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
     * What is in memory for this slug, without ever waiting on the database: null when the slug
     * was not looked up lately (then ask {@link #findPublic} on a thread that may block). For
     * readers on the event loop.
     */
    @Nullable
    private Optional<Campaign> cachedPublic(String slug) {
        return couldBeSlug(slug) ? bySlug.getIfPresent(slug) : Optional.empty();
    }

    /** Anything longer is no slug of ours, and must not fill the cache. */
    private static boolean couldBeSlug(String slug) {
        return slug != null && slug.length() <= 80;
    }

    /** The public list if it is in memory (null if not yet read), without waiting on the database. */
    @Nullable
    private List<Campaign> cachedPublicList() {
        return publicList.getIfPresent(Boolean.TRUE);
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
