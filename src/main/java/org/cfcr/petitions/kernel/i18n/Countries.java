package org.cfcr.petitions.kernel.i18n;

import jakarta.inject.Singleton;

import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** ISO 3166-1 alpha-2 countries and territories, named in the reader's language (JDK's CLDR data). */
@Singleton
public class Countries {

    private static final Set<String> CODES = new TreeSet<>(Arrays.asList(Locale.getISOCountries()));

    private final java.util.Map<Lang, List<Country>> sorted = new java.util.EnumMap<>(Lang.class);

    public Countries() {
        for (Lang lang : Lang.values()) {
            Collator collator = Collator.getInstance(lang.locale());
            sorted.put(lang, CODES.stream()
                    .map(code -> new Country(code, name(code, lang)))
                    .sorted(Comparator.comparing(Country::name, collator))
                    .toList());
        }
    }

    public record Country(String code, String name) {
    }

    public boolean isKnown(String code) {
        return code != null && CODES.contains(code);
    }

    public String name(String code, Lang lang) {
        return isKnown(code) ? new Locale("", code).getDisplayCountry(lang.locale()) : code;
    }

    /** All countries sorted by their name in the given language. */
    public List<Country> all(Lang lang) {
        return sorted.get(lang);
    }
}
