package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;

/** What an {@code Accept-Encoding} header allows. */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** Whether gzip is listed, and not with {@code q=0}. */
    static boolean allowsGzip(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                return parts.length < 2 || !parts[1].replace(" ", "").equalsIgnoreCase("q=0");
            }
        }
        return false;
    }
}
