package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;

/**
 * A page model whose page is the same for every visitor but for the sign form's time and the
 * language, so one render serves a crowd ({@link SharedRenders}). A record's equality is what it
 * shows, so by default the record itself names the render (equal records, one render); a page
 * whose model holds something without value equality, or that sometimes shows something of the
 * visitor's (what they typed, their errors), answers with a value of its own, or null then. A
 * shared page holds no form that needs a browser's CSRF token: its forms are {@link OriginCheckedForm}s.
 */
public interface SharedPage {

    /** Equal for pages that show the same, besides the language and the form's time; null to render for this visitor alone. */
    @Nullable
    default Object sharedRender() {
        return this;
    }
}
