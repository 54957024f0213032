package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignNotFoundException;
import org.cfcr.petitions.kernel.web.FilterRefusals;

import java.util.Map;
import java.util.Optional;

/**
 * Checks, once for every {@link ManagedCampaign} route, that the signed-in account manages the
 * campaign the route names, and hands the campaign to the handler ({@link ManagedCampaignBinder}).
 * A filter, not an argument binder: Micronaut binds arguments before it moves a blocking route off
 * the event loop, and this check reads the database, so it runs here on the blocking executor.
 * It runs after the security filter (someone signed out never gets this far) and the CSRF check.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class ManagedCampaignFilter implements Ordered {

    static final String ATTRIBUTE = ManagedCampaignFilter.class.getName() + ".campaign";

    private final CampaignAccess access;
    private final FilterRefusals refusals;

    ManagedCampaignFilter(CampaignAccess access, FilterRefusals refusals) {
        this.access = access;
        this.refusals = refusals;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.after() + 1;
    }

    /** Null lets the request go on; a response turns it away. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    MutableHttpResponse<?> requireAccess(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        Optional<Account> account = request.getUserPrincipal(Authentication.class)
                .map(authentication -> (Account) authentication.getAttributes().get(SignedInFetcher.ACCOUNT));
        if (route.isEmpty() || !route.get().getAnnotationMetadata().hasAnnotation(ManagedCampaign.class)
                || account.isEmpty() || !(route.get() instanceof UriRouteMatch<?, ?> uriRoute)) {
            return null;
        }
        Map<String, Object> variables = uriRoute.getVariableValues();
        try {
            Campaign campaign;
            if (variables.get("slug") instanceof String slug) {
                campaign = access.require(account.get(), slug);
            } else if (variables.get("id") instanceof String id && id.matches("\\d{1,18}")) {
                campaign = access.require(account.get(), Long.parseLong(id));
            } else {
                return null; // not a campaign id at all: binding the handler's arguments answers 400, as anywhere
            }
            request.setAttribute(ATTRIBUTE, campaign);
            return null;
        } catch (CampaignNotFoundException notManaged) {
            return refusals.of(request, notManaged);
        }
    }
}
