package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A page model whose page is the same for every visitor but for a few strings stamped in per
 * visitor (the sign form's time always; others the page names in {@link #stamped}) and the
 * language, so one render serves a crowd ({@link SharedRenders}). A record's equality is what it
 * shows, so by default the record itself names the render (equal records, one render); a page
 * whose model holds something without value equality, or stamps, or that sometimes shows
 * something of the visitor's (what they typed, their errors), answers with a value of its own
 * (without the stamps), or null then. A shared page holds no form that needs a browser's CSRF
 * token unless it stamps the token ({@link CsrfGuard#FIELD}); the crowd's pages do not: their
 * forms are {@link OriginCheckedForm}s.
 */
public interface SharedPage {

    /** Equal for pages that show the same, besides the language and the stamps; null to render for this visitor alone. */
    @Nullable
    default Object sharedRender() {
        return this;
    }

    /**
     * The model's entries (strings, or null) that differ per visitor and are stamped into the shared
     * render, escaped as text: each one only in text or in a quoted attribute. One that goes into a
     * link must need no encoding there ({@link #needsNoEncoding}), or the page is not shared. A page
     * with stamps is never kept by a shared cache (a signer's details, a browser's token).
     */
    default List<String> stamped() {
        return List.of();
    }

    /** Letters, digits and "-_.~" only: the same in a link's path as in the page's text. */
    static boolean needsNoEncoding(@Nullable String value) {
        return value != null && !value.isEmpty() && value.length() <= 200 && value.chars().allMatch(c ->
                c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0);
    }
}
