package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.URI;
import java.util.Optional;

/**
 * A session signed in with the password alone can do one thing: prove its second factor, or, when
 * the account needs one and has none, set one up. Every other admin page sends it there. Runs
 * right after the security filter, on every admin request, so no page can forget it.
 */
@ServerFilter("/admin/**")
class SecondFactorGate implements Ordered {

    static final String PROVE = "/admin/login/second-factor";
    static final String ENROL = "/admin/account/second-factors";

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> confine(HttpRequest<?> request) {
        Optional<PendingStep> pending = SignedInFetcher.pending(request);
        if (pending.isEmpty()) {
            return null;
        }
        String path = request.getPath();
        String allowed = pending.get() == PendingStep.PROVE_FACTOR ? PROVE : ENROL;
        if (path.equals("/admin/logout") || path.equals(allowed) || path.startsWith(allowed + "/")) {
            return null;
        }
        return HttpResponse.seeOther(URI.create(allowed));
    }
}
