package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.i18n.Countries;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.text.Texts;
import org.cfcr.petitions.signature.screening.DisposableDomains;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a submission field by field. Every rule names the message a signer reads beside the
 * field; nothing is stored unless all of them pass.
 */
@Singleton
public class SignatureValidator {

    static final int MAX_NAME = 100;
    static final int MAX_CITY = 100;
    /** Runs of space separators (of every script), compiled once: each signature's fields pass through it. */
    private static final Pattern SPACES = Pattern.compile("\\p{Zs}+");

    private final Countries countries;
    private final DisposableDomains disposable;

    public SignatureValidator(Countries countries, DisposableDomains disposable) {
        this.countries = countries;
        this.disposable = disposable;
    }

    public sealed interface Result {
    }

    public record Valid(SignatureRequest request) implements Result {
    }

    public record Invalid(FieldErrors errors) implements Result {
    }

    public Result validate(SignatureSubmission submission, Lang requestLang) {
        FieldErrors errors = new FieldErrors();
        String name = text(submission.name());
        checkText("name", name, MAX_NAME, true, errors);
        String email = submission.email() == null ? "" : submission.email().strip();
        if (email.isEmpty()) {
            errors.reject("email", "error.email.required");
        } else if (email.length() > EmailAddress.MAX_LENGTH) {
            errors.reject("email", "error.email.tooLong");
        } else if (!EmailAddress.isValid(email)) {
            errors.reject("email", "error.email.invalid");
        } else if (disposable.areRefused() && disposable.isDisposable(new EmailAddress(email).domain())) {
            errors.reject("email", "error.email.disposable");
        }
        String country = submission.country() == null ? "" : submission.country().strip().toUpperCase(Locale.ROOT);
        if (country.isEmpty()) {
            errors.reject("country", "error.country.required");
        } else if (!countries.isKnown(country)) {
            errors.reject("country", "error.country.invalid");
        }
        String city = text(submission.city());
        checkText("city", city, MAX_CITY, false, errors);
        PublicDisplay display = parseDisplay(submission.publicDisplay());
        if (display == null) {
            errors.reject("publicDisplay", "error.publicDisplay.invalid");
        }
        Boolean emailUpdates = parseBoolean(submission.emailUpdates());
        if (emailUpdates == null) {
            errors.reject("emailUpdates", "error.emailUpdates.invalid");
        }
        Lang lang = requestLang;
        if (submission.lang() != null && !submission.lang().isBlank()) {
            lang = Lang.fromCode(submission.lang()).orElse(null);
            if (lang == null) {
                errors.reject("lang", "error.lang.invalid");
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new SignatureRequest(name, new EmailAddress(email), country,
                city.isEmpty() ? null : city, display, emailUpdates, lang));
    }

    /**
     * The owner's corrections on the confirm page, checked by the rules of the sign form: null,
     * with the errors filled in, when one fails.
     */
    public Submission.@Nullable Corrections corrections(@Nullable String rawName, @Nullable String rawCity,
                                                        @Nullable String rawDisplay, FieldErrors errors) {
        String name = text(rawName);
        checkText("name", name, MAX_NAME, true, errors);
        String city = text(rawCity);
        checkText("city", city, MAX_CITY, false, errors);
        PublicDisplay display = parseDisplay(rawDisplay);
        if (display == null) {
            errors.reject("publicDisplay", "error.publicDisplay.invalid");
        }
        return errors.isEmpty() ? new Submission.Corrections(name, city.isEmpty() ? null : city, display) : null;
    }

    /** Trims and folds runs of spaces into one; tabs and line breaks stay, for the check to refuse. */
    static String text(String raw) {
        return raw == null ? "" : SPACES.matcher(raw.strip()).replaceAll(" ");
    }

    private static void checkText(String field, String value, int max, boolean required, FieldErrors errors) {
        if (value.isEmpty()) {
            if (required) {
                errors.reject(field, "error." + field + ".required");
            }
            return;
        }
        if (value.codePointCount(0, value.length()) > max) {
            errors.reject(field, "error." + field + ".tooLong");
        } else if (!value.codePoints().allMatch(Texts::isAllowedInText)) {
            errors.reject(field, "error." + field + ".invalidCharacters");
        }
    }

    /** Absent is no; only the words true and false are read. */
    @Nullable
    private static Boolean parseBoolean(@Nullable String raw) {
        if (raw == null || raw.equals("false")) {
            return false;
        }
        return raw.equals("true") ? true : null;
    }

    private static PublicDisplay parseDisplay(String raw) {
        if (raw == null) {
            return null;
        }
        for (PublicDisplay display : PublicDisplay.values()) {
            if (display.name().equals(raw.strip())) {
                return display;
            }
        }
        return null;
    }
}
