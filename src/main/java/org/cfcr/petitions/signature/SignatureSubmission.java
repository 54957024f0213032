package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;

/**
 * What a signer sent, untrusted, from the form or the JSON API.
 *
 * @param emailUpdates "true", "false" or absent; anything else is refused by the validator
 */
public record SignatureSubmission(
        @Nullable String name,
        @Nullable String email,
        @Nullable String country,
        @Nullable String city,
        @Nullable String publicDisplay,
        @Nullable String emailUpdates,
        @Nullable String lang) {
}
