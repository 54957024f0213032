package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;

/** What a signer sent, untrusted, from the form or the JSON API. */
public record SignatureSubmission(
        @Nullable String name,
        @Nullable String email,
        @Nullable String country,
        @Nullable String city,
        @Nullable String publicDisplay,
        boolean emailUpdates,
        @Nullable String lang) {
}
