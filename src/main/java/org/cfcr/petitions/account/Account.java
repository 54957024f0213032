package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A person who signs in to manage campaigns. Never holds the password hash.
 *
 * @param mustChangePassword   the password was set by an admin and not yet changed by its owner
 * @param secondFactorOptional an admin lets this lead sign in with the password alone
 */
public record Account(long id, String email, String name, Role role, @Nullable Instant disabledAt, Instant createdAt,
                      boolean mustChangePassword, boolean secondFactorOptional) {

    /** Admins always prove a second factor; leads too, unless an admin has let one sign in without. */
    public boolean requiresSecondFactor() {
        return isAdmin() || !secondFactorOptional;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isDisabled() {
        return disabledAt != null;
    }
}
