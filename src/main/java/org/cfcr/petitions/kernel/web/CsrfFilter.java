package org.cfcr.petitions.kernel.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;

/**
 * Every form POST to our pages comes from one of our pages ({@link SameOriginPolicy}: a cross-site
 * form is refused before its body is read, whatever token it carries) and carries the token of a
 * page we showed this browser (bound to the login session on the admin pages), checked here once
 * for all of them: url-encoded forms, and multipart ones (a form with a file input) through
 * {@link MultipartFields}; a body of any other type carries no token we read, and is refused. The JSON API is left out (it takes no cookies, only bearer tokens), and so
 * is any route marked {@link CsrfExempt}. A form on a page that shared caches keep
 * ({@link OriginCheckedForm}) carries no token: the browser must say it came from our page. A POST
 * that matches no route is left to Micronaut's
 * 404, 405 or 415.
 * <p>
 * It runs after the security filter, so a signed-out POST to an admin page is still sent to the
 * login, and inside the views filter, which renders the refusal page on its way out. The refusal
 * is a response, not an exception: an exception thrown by a filter skips the views filter and
 * would reach the visitor as JSON.
 */
@ServerFilter(value = ServerFilter.MATCH_ALL_PATTERN,
        methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
class CsrfFilter implements Ordered {

    private final CsrfGuard csrf;
    private final SameOriginPolicy origins;
    private final FilterBodyParser bodies;
    private final MultipartFields multipart;
    private final FilterRefusals refusals;

    CsrfFilter(CsrfGuard csrf, SameOriginPolicy origins, FilterBodyParser bodies, MultipartFields multipart,
               FilterRefusals refusals) {
        this.csrf = csrf;
        this.origins = origins;
        this.bodies = bodies;
        this.multipart = multipart;
        this.refusals = refusals;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.after();
    }

    /**
     * {@code FilterBodyParser} reads a split of the body and leaves the body itself to the
     * controller's form binding. Going on from inside the parser's callback would make the
     * controller subscribe to the shared body buffer while the buffer is still completing that
     * callback, which Micronaut 4.10 refuses (an assertion in {@code BaseSharedBuffer}); so the rest
     * of the request goes on from a fresh task. Nothing here blocks.
     */
    @RequestFilter
    Publisher<MutableHttpResponse<?>> verify(HttpRequest<?> request,
                                             FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        if (!needsToken(request)) {
            return next.proceed();
        }
        if (!origins.allows(request)) {
            return Mono.just(refusals.of(request, HttpStatus.FORBIDDEN, "error.crossSite", null));
        }
        if (isOriginChecked(request)) {
            return origins.confirms(request) ? next.proceed()
                    : Mono.just(refusals.of(request, HttpStatus.FORBIDDEN, "error.formOrigin", null));
        }
        return Mono.fromFuture(() -> MultipartFields.isMultipart(request) ? multipart.parse(request) : bodies.parseBody(request))
                .publishOn(Schedulers.parallel())
                .map(form -> form.get(CsrfGuard.FIELD) instanceof String token && csrf.accepts(request, token)
                        ? Verdict.ACCEPTED : Verdict.REFUSED)
                // a body that does not decode carries no token we can read: refused like any other;
                // one over the size limit is refused as too large, which is what the sender must fix
                .onErrorResume(RuntimeException.class, e -> Mono.just(tooLarge(e) ? Verdict.TOO_LARGE : Verdict.REFUSED))
                .defaultIfEmpty(Verdict.REFUSED)
                .flatMap(verdict -> {
                    if (verdict == Verdict.ACCEPTED) {
                        return Mono.from(next.proceed());
                    }
                    return Mono.just(verdict == Verdict.TOO_LARGE
                            ? refusals.of(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "error.tooLarge", null)
                            : refusals.of(request, HttpStatus.FORBIDDEN, "error.csrf", null));
                });
    }

    private enum Verdict { ACCEPTED, REFUSED, TOO_LARGE }

    private static boolean tooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContentLengthExceededException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOriginChecked(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .map(route -> route.getAnnotationMetadata().hasAnnotation(OriginCheckedForm.class)).orElse(false);
    }

    private static boolean needsToken(HttpRequest<?> request) {
        if (request.getPath().startsWith("/api/")) {
            return false;
        }
        Optional<RouteInfo<?>> route = RouteAttributes.getRouteInfo(request);
        return route.isPresent() && !route.get().getAnnotationMetadata().hasAnnotation(CsrfExempt.class);
    }
}
