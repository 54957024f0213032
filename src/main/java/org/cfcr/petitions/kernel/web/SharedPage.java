package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;

/**
 * A page model whose page is the same for every visitor but for their tokens and language, so one
 * render serves a crowd ({@link SharedRenders}). A record's equality is what it shows, so by
 * default its hash names the render; a page that sometimes shows something of the visitor's (what
 * they typed, their errors) answers null then.
 */
public interface SharedPage {

    /** What the page shows besides the language and the visitor's tokens; null to render for this visitor alone. */
    @Nullable
    default String sharedRender() {
        return getClass().getName() + " " + hashCode();
    }
}
