package org.cfcr.petitions.account;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.URI;
import java.util.Optional;

/**
 * A password an admin set (a new account) is known to that admin too, and travelled to its owner
 * somehow: until the owner chooses their own, their session can do nothing but that. Every other
 * admin page and form sends them to their account page, which says why; signing out still works.
 * It runs after the security filter, which found the account, and reads no database; a session that
 * has not proved its second factor yet is left to {@link SecondFactorGate}, so the second factor
 * comes first and the new password second.
 */
@ServerFilter({"/admin", "/admin/**"})
class FirstPasswordFilter implements Ordered {

    static final String ACCOUNT_PAGE = "/admin/account";

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    Optional<MutableHttpResponse<?>> requireOwnPassword(HttpRequest<?> request) {
        boolean mustChange = SignedInFetcher.signedIn(request).map(Account::mustChangePassword).orElse(false);
        // a session still to prove or set up its second factor does that first ({@link SecondFactorGate})
        if (!mustChange || SignedInFetcher.pending(request).isPresent() || isAllowed(request)) {
            return Optional.empty();
        }
        return Optional.of(HttpResponse.seeOther(URI.create(ACCOUNT_PAGE)));
    }

    private static boolean isAllowed(HttpRequest<?> request) {
        String path = request.getPath();
        HttpMethod method = request.getMethod();
        return (method == HttpMethod.GET && path.equals(ACCOUNT_PAGE))
                || (method == HttpMethod.POST && (path.equals(ACCOUNT_PAGE + "/password") || path.equals("/admin/logout")));
    }
}
