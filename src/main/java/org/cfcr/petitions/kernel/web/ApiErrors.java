package org.cfcr.petitions.kernel.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.i18n.Messages;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one shape of every API error: a sentence for a person, and one per wrong field. */
@Singleton
public class ApiErrors {

    @Serdeable
    public record ApiError(String message, Map<String, String> errors) {
    }

    private final Messages messages;
    private final LanguageResolver languages;

    public ApiErrors(Messages messages, LanguageResolver languages) {
        this.messages = messages;
        this.languages = languages;
    }

    public MutableHttpResponse<ApiError> badRequest(HttpRequest<?> request, String messageKey, Map<String, String> fieldKeys) {
        return respond(request, HttpStatus.BAD_REQUEST, messageKey, fieldKeys);
    }

    public MutableHttpResponse<ApiError> respond(HttpRequest<?> request, HttpStatus status, String messageKey,
                                                 Map<String, String> fieldKeys) {
        Lang lang = languages.lang(request);
        Map<String, String> fields = new LinkedHashMap<>();
        fieldKeys.forEach((field, key) -> fields.put(field, text(key, lang)));
        return HttpResponse.<ApiError>status(status).body(new ApiError(text(messageKey, lang), fields));
    }

    private String text(String key, Lang lang) {
        return messages.text(key, lang.locale());
    }
}
