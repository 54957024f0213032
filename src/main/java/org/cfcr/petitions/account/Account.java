package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A person who signs in to manage campaigns. Never holds the password hash.
 *
 * @param mustChangePassword the password was set by an admin and not yet changed by its owner
 */
public record Account(long id, String email, String name, Role role, @Nullable Instant disabledAt, Instant createdAt,
                      boolean mustChangePassword) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isDisabled() {
        return disabledAt != null;
    }
}
