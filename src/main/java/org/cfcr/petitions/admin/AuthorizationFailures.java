package org.cfcr.petitions.admin;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import org.cfcr.petitions.web.ApiErrors;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What someone not allowed in sees. A browser that is not signed in goes to the login page and
 * comes back afterwards; a signed-in lead without the right gets a page that says so; the API
 * answers 401 or 403 in JSON, with a WWW-Authenticate challenge for the token.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class AuthorizationFailures implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final ApiErrors apiErrors;

    AuthorizationFailures(ApiErrors apiErrors) {
        this.apiErrors = apiErrors;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        boolean signedIn = exception.isForbidden();
        if (request.getPath().startsWith("/api/")) {
            HttpStatus status = signedIn ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
            MutableHttpResponse<?> response = apiErrors.respond(request, status,
                    signedIn ? "error.api.forbidden" : "error.api.unauthorized", Map.of());
            return signedIn ? response : response.header("WWW-Authenticate", "Bearer realm=\"petitions\"");
        }
        if (signedIn) {
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .body(new ModelAndView<>("error", Map.of("status", 403, "messageKey", "error.admin.forbidden")));
        }
        // only a page can be come back to; a form posted while signed out starts again from the admin home
        String back = request.getMethod() == io.micronaut.http.HttpMethod.GET ? request.getPath() : "/admin";
        return HttpResponse.seeOther(URI.create("/admin/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8)));
    }
}
