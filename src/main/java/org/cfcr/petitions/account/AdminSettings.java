package org.cfcr.petitions.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The first admin, under {@code petitions.admin.*}: created on a start where no account has the
 * email (ADMIN_EMAIL, ADMIN_PASSWORD).
 */
@ConfigurationProperties("petitions.admin")
public record AdminSettings(@Nullable String email, @Nullable String password) {
}
