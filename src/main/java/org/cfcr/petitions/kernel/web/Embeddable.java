package org.cfcr.petitions.kernel.web;

/**
 * The widget ({@code /embed/...}) and the badge ({@code /badge/...}) are the only responses other
 * sites may frame or show. They carry no cookie: a framed page must not identify or track the
 * readers of another site.
 */
public final class Embeddable {

    private Embeddable() {
    }

    public static boolean isEmbeddable(String path) {
        return path.startsWith("/embed/") || path.startsWith("/badge/");
    }
}
