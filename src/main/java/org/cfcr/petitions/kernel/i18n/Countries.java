package org.cfcr.petitions.kernel.i18n;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.unbescape.html.HtmlEscape;

import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** ISO 3166-1 alpha-2 countries and territories, named in the reader's language (JDK's CLDR data). */
@Singleton
public class Countries {

    private static final Set<String> CODES = new TreeSet<>(Arrays.asList(Locale.getISOCountries()));

    private final Map<Lang, String> options = new EnumMap<>(Lang.class);
    /** Looked up once: the campaign page names its latest signers' countries on every view */
    private final Map<Lang, Map<String, String>> names = new EnumMap<>(Lang.class);

    public Countries() {
        for (Lang lang : Lang.values()) {
            Map<String, String> named = new HashMap<>();
            CODES.forEach(code -> named.put(code, new Locale("", code).getDisplayCountry(lang.locale())));
            names.put(lang, Map.copyOf(named));
            Collator collator = Collator.getInstance(lang.locale());
            List<Country> sorted = CODES.stream()
                    .map(code -> new Country(code, name(code, lang)))
                    .sorted(Comparator.comparing(Country::name, collator))
                    .toList();
            StringBuilder html = new StringBuilder(12_000);
            for (Country country : sorted) {
                html.append("<option value=\"").append(country.code()).append("\">")
                        .append(HtmlEscape.escapeHtml5(country.name())).append("</option>\n");
            }
            options.put(lang, html.toString());
        }
    }

    private record Country(String code, String name) {
    }

    public boolean isKnown(String code) {
        return code != null && CODES.contains(code);
    }

    public String name(String code, Lang lang) {
        return isKnown(code) ? names.get(lang).get(code) : code;
    }

    /**
     * The sign form's country options in the given language, the chosen one selected, as HTML
     * (names escaped here). Drawn once per language: two hundred and fifty options, four template
     * expressions each, were four fifths of the campaign page's rendering time.
     */
    public String optionsHtml(Lang lang, @Nullable String selected) {
        String html = options.get(lang);
        if (!isKnown(selected)) {
            return html;
        }
        return html.replace("<option value=\"" + selected + "\">", "<option value=\"" + selected + "\" selected>");
    }
}
