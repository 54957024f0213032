package org.cfcr.petitions.account;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Named;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignNotFoundException;
import org.cfcr.petitions.kernel.web.FilterRefusals;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Checks, once for every {@link ManagedCampaign} route, that the signed-in account manages the
 * campaign the route names, and hands the campaign to the handler ({@link ManagedCampaignBinder}).
 * A filter, not an argument binder: Micronaut binds arguments before it moves a blocking route off
 * the event loop, and this check reads the database, so the lookup alone runs on the blocking
 * executor; every other request goes on where it is, without a change of thread. It runs after the
 * security filter (someone signed out never gets this far) and the CSRF check.
 */
@ServerFilter({"/admin/campaigns/**", "/api/v1/campaigns/*/signatures.csv"})
class ManagedCampaignFilter implements Ordered {

    static final String ATTRIBUTE = ManagedCampaignFilter.class.getName() + ".campaign";

    private final CampaignAccess access;
    private final FilterRefusals refusals;
    private final Scheduler blocking;

    ManagedCampaignFilter(CampaignAccess access, FilterRefusals refusals,
                          @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.access = access;
        this.refusals = refusals;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.after() + 1;
    }

    @RequestFilter
    Publisher<MutableHttpResponse<?>> requireAccess(HttpRequest<?> request,
                                                    FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        Optional<Account> account = SignedInFetcher.signedIn(request);
        if (route.isEmpty() || !route.get().getAnnotationMetadata().hasAnnotation(ManagedCampaign.class)
                || account.isEmpty() || !(route.get() instanceof UriRouteMatch<?, ?> uriRoute)) {
            return next.proceed();
        }
        Map<String, Object> variables = uriRoute.getVariableValues();
        return Mono.fromCallable(() -> refusal(request, account.get(), variables))
                .subscribeOn(blocking)
                .flatMap(refused -> refused.isPresent() ? Mono.<MutableHttpResponse<?>>just(refused.get())
                        : Mono.from(next.proceed()));
    }

    /** Empty when the account manages the route's campaign (now in the request for the binder). */
    private Optional<MutableHttpResponse<?>> refusal(HttpRequest<?> request, Account account,
                                                     Map<String, Object> variables) {
        try {
            Campaign campaign;
            if (variables.get("slug") instanceof String slug) {
                campaign = access.require(account, slug);
            } else if (variables.get("id") instanceof String id && id.matches("\\d{1,18}")) {
                campaign = access.require(account, Long.parseLong(id));
            } else {
                return Optional.empty(); // not a campaign id at all: binding the handler's arguments answers 400
            }
            request.setAttribute(ATTRIBUTE, campaign);
            return Optional.empty();
        } catch (CampaignNotFoundException notManaged) {
            return Optional.of(refusals.of(request, notManaged));
        }
    }
}
