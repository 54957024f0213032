package org.cfcr.petitions.kernel.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages the service speaks. Campaign texts, pages and emails exist in each. */
public enum Lang {
    EN("en", Locale.ENGLISH),
    ZH("zh", Locale.SIMPLIFIED_CHINESE);

    private final String code;
    private final Locale locale;

    Lang(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    public static Optional<Lang> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Lang lang : values()) {
            if (lang.code.equalsIgnoreCase(code.trim())) {
                return Optional.of(lang);
            }
        }
        return Optional.empty();
    }

    public static Lang of(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? ZH : EN;
    }
}
