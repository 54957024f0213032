package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.views.ModelAndView;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import org.cfcr.petitions.kernel.db.DatabaseTrouble;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Every error a visitor can meet, as a page in their language (or JSON under /api/), with a
 * status that says what happened and words that say what to do. Never a stack trace.
 */
@Controller
class ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorController.class);

    private final ApiErrors apiErrors;
    private final LanguageResolver languages;

    ErrorController(ApiErrors apiErrors, LanguageResolver languages) {
        this.apiErrors = apiErrors;
        this.languages = languages;
    }

    @Error(global = true, exception = DomainException.class)
    HttpResponse<?> refused(HttpRequest<?> request, DomainException refusal) {
        MutableHttpResponse<?> response = respond(request, refusal.status(), refusal.messageKey(),
                refusal.campaign(languages.lang(request)));
        refusal.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        return response;
    }

    @Error(global = true, exception = PageException.class)
    HttpResponse<?> page(PageException page) {
        return HttpResponse.status(page.status()).body(page.page());
    }

    @Error(global = true, exception = ConversionErrorException.class)
    HttpResponse<?> conversion(HttpRequest<?> request) {
        return respond(request, HttpStatus.BAD_REQUEST, "error.badRequest", null);
    }

    @Error(global = true, exception = UnsatisfiedRouteException.class)
    HttpResponse<?> unsatisfied(HttpRequest<?> request) {
        return respond(request, HttpStatus.BAD_REQUEST, "error.badRequest", null);
    }

    @Error(global = true, exception = CodecException.class)
    HttpResponse<?> unreadableBody(HttpRequest<?> request) {
        return respond(request, HttpStatus.BAD_REQUEST, "error.unreadableBody", null);
    }

    @Error(global = true, exception = JsonSyntaxException.class)
    HttpResponse<?> malformedJson(HttpRequest<?> request) {
        return respond(request, HttpStatus.BAD_REQUEST, "error.unreadableBody", null);
    }

    @Error(global = true, exception = SerdeException.class)
    HttpResponse<?> wrongJsonShape(HttpRequest<?> request) {
        return respond(request, HttpStatus.BAD_REQUEST, "error.unreadableBody", null);
    }

    @Error(global = true, exception = ContentLengthExceededException.class)
    HttpResponse<?> tooLarge(HttpRequest<?> request) {
        return respond(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "error.tooLarge", null);
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    HttpResponse<?> notFound(HttpRequest<?> request) {
        return respond(request, HttpStatus.NOT_FOUND, "error.notFound", null);
    }

    @Error(global = true, status = HttpStatus.METHOD_NOT_ALLOWED)
    HttpResponse<?> methodNotAllowed(HttpRequest<?> request) {
        return respond(request, HttpStatus.METHOD_NOT_ALLOWED, "error.methodNotAllowed", null);
    }

    @Error(global = true, status = HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    HttpResponse<?> unsupportedMediaType(HttpRequest<?> request) {
        return respond(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "error.unsupportedMediaType", null);
    }

    @Error(global = true, exception = Throwable.class)
    HttpResponse<?> unexpected(HttpRequest<?> request, Throwable error) {
        if (DatabaseTrouble.isUnavailable(error)) {
            // degraded mode: say when to come back; nothing was stored (the transaction never committed)
            LOG.warn("Database unavailable on {} {}: {}", request.getMethod(), withoutSecrets(request.getPath()),
                    DatabaseTrouble.describe(error));
            return respond(request, HttpStatus.SERVICE_UNAVAILABLE, "error.unavailable", null)
                    .header(HttpHeaders.RETRY_AFTER, "30");
        }
        LOG.error("Unexpected error on {} {}", request.getMethod(), withoutSecrets(request.getPath()), error);
        return respond(request, HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected", null);
    }

    /**
     * The tokens of signers' links (confirm, remove, unsubscribe) are kept only as hashes or not at
     * all; they must not reach the log in clear either: a log would otherwise let its reader
     * confirm, remove or unsubscribe someone else's signature.
     */
    static String withoutSecrets(String path) {
        return path.replaceAll("^/(confirm|withdraw|unsubscribe)/[^/?]*", "/$1/…");
    }

    private MutableHttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, String messageKey,
                                           @Nullable ErrorPage.CampaignLink campaign) {
        return respond(apiErrors, request, status, messageKey, campaign);
    }

    /** JSON under /api/, else the error page for the views filter to render. */
    static MutableHttpResponse<?> respond(ApiErrors apiErrors, HttpRequest<?> request, HttpStatus status,
                                          String messageKey, @Nullable ErrorPage.CampaignLink campaign) {
        if (request.getPath().startsWith("/api/")) {
            return apiErrors.respond(request, status, messageKey, Map.of());
        }
        return HttpResponse.status(status).body(new ModelAndView<>("error",
                new ErrorPage(status.getCode(), messageKey, campaign)));
    }
}
