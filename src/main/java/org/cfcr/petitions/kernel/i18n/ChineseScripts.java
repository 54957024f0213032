package org.cfcr.petitions.kernel.i18n;

import com.github.benmanes.caffeine.cache.Cache;
import com.ibm.icu.text.Transliterator;
import org.cfcr.petitions.kernel.Caches;

/**
 * Simplified Chinese written in Traditional characters, by ICU's Simplified-Traditional
 * transliterator (phrase-aware for the common one-to-many cases, e.g. 头发 as 頭髮 but 发展 as 發展).
 * A lead's draft starts from it, and a campaign with no Traditional text of its own is shown in it.
 * Campaign texts are few and read by crowds: each conversion is kept, weighed by its length.
 */
public final class ChineseScripts {

    private static final Transliterator SIMPLIFIED_TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");
    private static final Cache<String, String> CONVERTED = Caches.builder()
            .maximumWeight(4_000_000).weigher((String text, String converted) -> 2 * text.length() + 64).build();

    private ChineseScripts() {
    }

    public static String toTraditional(String simplified) {
        if (simplified == null || simplified.isEmpty()) {
            return simplified;
        }
        return CONVERTED.get(simplified, ChineseScripts::convert);
    }

    /** A conversion that is not kept: a lead's draft is read once, and must not crowd out the texts crowds read. */
    public static String draftTraditional(String simplified) {
        return simplified == null || simplified.isEmpty() ? simplified : convert(simplified);
    }

    // ICU does not promise that one transliterator may be used by several threads at once
    private static synchronized String convert(String simplified) {
        return SIMPLIFIED_TO_TRADITIONAL.transliterate(simplified);
    }
}
