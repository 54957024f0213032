package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;

/** One line of the public signer list page, ready to print. */
public record SignerRow(@Nullable String name, String country, @Nullable String city, @Nullable String signedOn) {
}
