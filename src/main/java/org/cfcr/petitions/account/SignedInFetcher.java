package org.cfcr.petitions.account;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.factor.SecondFactors;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is asking: the login session cookie on admin pages, a personal API token
 * ({@code Authorization: Bearer}) on the API. Each works only where it belongs, so a browser's
 * cookie can never drive the API (which has no CSRF tokens), and a script's token opens no page.
 * Public pages are never looked up. Every lookup reads the database, so a disabled account or a
 * revoked token stops working on every node at once.
 */
@Singleton
class SignedInFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    static final String ACCOUNT = "account";
    static final String SESSION = "session";
    /** Set on a session not verified yet: {@link PendingStep} says what it must do first. */
    static final String PENDING = "pending";
    private static final String BEARER = "Bearer ";

    private final Sessions sessions;
    private final ApiTokens tokens;
    private final SessionCookie sessionCookie;
    private final SecondFactors factors;

    SignedInFetcher(Sessions sessions, ApiTokens tokens, SessionCookie sessionCookie, SecondFactors factors) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.sessionCookie = sessionCookie;
        this.factors = factors;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith("/admin")) {
            Optional<String> cookie = sessionCookie.token(request);
            return cookie.map(token -> Mono.fromCallable(() -> sessions.session(token).map(this::authentication).orElse(null))
                    .subscribeOn(Schedulers.boundedElastic())).orElse(Mono.empty());
        }
        if (path.startsWith("/api/")) {
            Optional<String> header = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class)
                    .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()));
            return header.map(value -> lookUp(() -> tokens.account(value.substring(BEARER.length()).strip())))
                    .orElse(Mono.empty());
        }
        return Mono.empty();
    }

    /** The account this fetcher found for the request, once the security filter has run. */
    static Optional<Account> signedIn(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(authentication -> (Account) authentication.getAttributes().get(ACCOUNT));
    }

    /** The session this fetcher found for the request (admin pages only). */
    static Optional<SignedInSession> session(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(authentication -> (SignedInSession) authentication.getAttributes().get(SESSION));
    }

    /** What an unverified session must do before anything else; empty once verified. */
    static Optional<PendingStep> pending(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(authentication -> (PendingStep) authentication.getAttributes().get(PENDING));
    }

    private Authentication authentication(SignedInSession session) {
        Account account = session.account();
        Map<String, Object> attributes = new java.util.HashMap<>();
        attributes.put(ACCOUNT, account);
        attributes.put(SESSION, session);
        if (!session.isVerified()) {
            attributes.put(PENDING, factors.any(account.id()) ? PendingStep.PROVE_FACTOR : PendingStep.ENROL_FACTOR);
        }
        return Authentication.build(String.valueOf(account.id()), List.of(account.role().name()), attributes);
    }

    /** The lookup blocks on the database, so it runs off the event loop. */
    private static Mono<Authentication> lookUp(java.util.function.Supplier<Optional<Account>> query) {
        return Mono.fromCallable(() -> query.get().map(SignedInFetcher::authentication).orElse(null))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Authentication authentication(Account account) {
        return Authentication.build(String.valueOf(account.id()), List.of(account.role().name()),
                Map.of(ACCOUNT, account));
    }
}
