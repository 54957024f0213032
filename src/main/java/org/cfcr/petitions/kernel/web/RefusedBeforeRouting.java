package org.cfcr.petitions.kernel.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Our answer where Micronaut answers by itself: requests it refuses before any route is found (a
 * request line longer than the server reads, a malformed request) and errors no handler of
 * {@link ErrorController} takes. Its default is JSON in English, with internal links; visitors get
 * our error page in their language instead, and API clients our JSON.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
class RefusedBeforeRouting implements ErrorResponseProcessor<Object> {

    private final ApiErrors apiErrors;
    private final EagerThymeleafRenderer<Map<String, Object>> pages;
    private final PageModelProcessor layout;

    RefusedBeforeRouting(ApiErrors apiErrors, EagerThymeleafRenderer<Map<String, Object>> pages, PageModelProcessor layout) {
        this.apiErrors = apiErrors;
        this.pages = pages;
        this.layout = layout;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext error, MutableHttpResponse<?> response) {
        HttpRequest<?> request = error.getRequest();
        HttpStatus status = isRequestLineTooLong(request, response.getStatus()) ? HttpStatus.REQUEST_URI_TOO_LONG
                : response.getStatus();
        response.status(status);
        String messageKey = messageKey(status);
        if (request.getPath().startsWith("/api/")) {
            return (MutableHttpResponse<Object>) (MutableHttpResponse<?>) response
                    .body(apiErrors.respond(request, status, messageKey, Map.of()).body());
        }
        // no route ran, so no view filter either: the page is rendered here
        ModelAndView<Object> page = new ModelAndView<>("error", new ErrorPage(status.getCode(), messageKey, null));
        layout.process(request, page);
        StringWriter html = new StringWriter(4096);
        try {
            // the layout processor turned the record into the map of variables the template reads
            pages.render("error", (Map<String, Object>) page.getModel().orElseThrow(), request).writeTo(html);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return ((MutableHttpResponse<Object>) response).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=UTF-8")
                .body(html.toString());
    }

    /**
     * Netty turns a request whose first line it cannot read into one for /bad-request, and
     * Micronaut answers it as too large: the address was longer than the server reads. Its headers
     * were not read either, so the page is in the default language.
     */
    private static boolean isRequestLineTooLong(HttpRequest<?> request, HttpStatus status) {
        return status == HttpStatus.REQUEST_ENTITY_TOO_LARGE && request.getPath().equals("/bad-request");
    }

    private static String messageKey(HttpStatus status) {
        return switch (status) {
            case REQUEST_URI_TOO_LONG -> "error.uriTooLong";
            case NOT_FOUND -> "error.notFound";
            case REQUEST_ENTITY_TOO_LARGE -> "error.tooLarge";
            case METHOD_NOT_ALLOWED -> "error.methodNotAllowed";
            case UNSUPPORTED_MEDIA_TYPE -> "error.unsupportedMediaType";
            case SERVICE_UNAVAILABLE -> "error.unavailable";
            default -> status.getCode() < 500 ? "error.badRequest" : "error.unexpected";
        };
    }
}
