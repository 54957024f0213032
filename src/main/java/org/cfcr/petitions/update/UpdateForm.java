package org.cfcr.petitions.update;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.cfcr.petitions.kernel.text.Texts;

import java.util.LinkedHashMap;
import java.util.Map;

/** An update as a lead writes it: a title and a text in each language, all required. */
@Serdeable
public record UpdateForm(@Nullable String titleEn, @Nullable String titleZh, @Nullable String bodyEn,
                         @Nullable String bodyZh) {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 10_000;

    public static UpdateForm blank() {
        return new UpdateForm("", "", "", "");
    }

    /** Field name to message key for every field that is missing or wrong. */
    public Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        check(errors, "titleEn", titleEn, MAX_TITLE);
        check(errors, "titleZh", titleZh, MAX_TITLE);
        check(errors, "bodyEn", bodyEn, MAX_BODY);
        check(errors, "bodyZh", bodyZh, MAX_BODY);
        return errors;
    }

    static String text(@Nullable String value) {
        return value == null ? "" : value.replace("\r\n", "\n").strip();
    }

    private static void check(Map<String, String> errors, String field, @Nullable String value, int max) {
        String text = text(value);
        if (text.isEmpty()) {
            errors.put(field, "admin.update.error.required");
        } else if (text.codePointCount(0, text.length()) > max) {
            errors.put(field, "admin.campaign.error.tooLong");
        } else if (!text.codePoints().allMatch(Texts::isAllowedInLongText)) {
            errors.put(field, "admin.campaign.error.control");
        }
    }
}
