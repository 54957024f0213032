package org.cfcr.petitions.admin;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.security.authentication.AuthorizationException;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.kernel.web.ApiErrors;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What someone the security filter turns away sees. A browser that is not signed in goes to the
 * login page and comes back afterwards; the API answers 401 in JSON with a Bearer challenge.
 * (Which signed-in account may do what is decided by the controllers, which answer with pages.)
 */
@Hidden
@Controller
class AuthorizationFailures {

    private final ApiErrors apiErrors;

    AuthorizationFailures(ApiErrors apiErrors) {
        this.apiErrors = apiErrors;
    }

    @Error(global = true, exception = AuthorizationException.class)
    MutableHttpResponse<?> rejected(HttpRequest<?> request, AuthorizationException exception) {
        boolean signedIn = exception.isForbidden();
        if (request.getPath().startsWith("/api/")) {
            HttpStatus status = signedIn ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
            MutableHttpResponse<?> response = apiErrors.respond(request, status,
                    signedIn ? "error.api.forbidden" : "error.api.unauthorized", Map.of());
            return signedIn ? response : response.header("WWW-Authenticate", "Bearer realm=\"petitions\"");
        }
        // only a page can be come back to; a form posted while signed out starts again from the admin home
        String back = request.getMethod() == HttpMethod.GET && !signedIn ? request.getPath() : "/admin";
        return HttpResponse.seeOther(URI.create("/admin/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8)));
    }
}
