package org.cfcr.petitions.kernel.i18n;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Optional;

/**
 * The languages the service speaks: English, and Chinese in both its scripts. Simplified is read on
 * the mainland and in Singapore; Traditional in Hong Kong, Macau, Taiwan and much of the diaspora.
 * Pages, emails and campaign texts exist in each (a campaign's Traditional text, when its lead wrote
 * none, is its Simplified text converted).
 */
public enum Lang {
    EN("en", Locale.ENGLISH, "English"),
    ZH("zh", Locale.SIMPLIFIED_CHINESE, "简体中文"),
    ZH_HANT("zh-Hant", Locale.forLanguageTag("zh-Hant"), "繁體中文");

    private final String code;
    private final Locale locale;
    private final String ownName;

    Lang(String code, Locale locale, String ownName) {
        this.code = code;
        this.locale = locale;
        this.ownName = ownName;
    }

    /** The code in addresses ({@code ?lang=}), cookies, stored signatures and the pages' lang attribute. */
    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** The language's name in itself, as a language switch shows it to those who read it. */
    public String ownName() {
        return ownName;
    }

    public boolean isChinese() {
        return this != EN;
    }

    /**
     * The text of this language among a thing's texts. Things are written in English and Simplified
     * Chinese; Traditional readers get the Traditional text where one was written, else the
     * Simplified one converted ({@link ChineseScripts}).
     */
    public String choose(String english, String simplified, @Nullable String traditional) {
        return switch (this) {
            case EN -> english;
            case ZH -> simplified;
            case ZH_HANT -> traditional == null || traditional.isBlank()
                    ? ChineseScripts.toTraditional(simplified) : traditional;
        };
    }

    /**
     * The language of a code or a BCP 47 tag: {@code en}, {@code zh}, {@code zh-Hans}, {@code zh-CN}
     * and {@code zh-SG} are Simplified; {@code zh-Hant}, {@code zh-TW}, {@code zh-HK} and
     * {@code zh-MO} are Traditional. Anything else is none of ours.
     */
    public static Optional<Lang> fromCode(String code) {
        if (code == null || code.isBlank() || code.length() > 35) {
            return Optional.empty();
        }
        for (Lang lang : values()) {
            // most requests name a code exactly (links, the cookie): no tag to parse
            if (lang.code.equalsIgnoreCase(code)) {
                return Optional.of(lang);
            }
        }
        return Optional.ofNullable(of(Locale.forLanguageTag(code.strip().replace('_', '-'))));
    }

    /** The language of a locale, or null when it is neither English nor Chinese. */
    public static Lang of(Locale locale) {
        return switch (locale.getLanguage()) {
            case "en" -> EN;
            case "zh" -> isTraditional(locale) ? ZH_HANT : ZH;
            default -> null;
        };
    }

    private static boolean isTraditional(Locale locale) {
        String script = locale.getScript();
        if (!script.isEmpty()) {
            return script.equals("Hant");
        }
        return switch (locale.getCountry()) {
            case "TW", "HK", "MO" -> true;
            default -> false;
        };
    }
}
