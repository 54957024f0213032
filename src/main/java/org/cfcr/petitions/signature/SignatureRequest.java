package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.i18n.Lang;

/** A submission that passed every check. */
public record SignatureRequest(
        String name,
        EmailAddress email,
        String country,
        @Nullable String city,
        PublicDisplay publicDisplay,
        boolean emailUpdates,
        Lang lang) {
}
