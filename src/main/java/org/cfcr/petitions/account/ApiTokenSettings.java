package org.cfcr.petitions.account;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Personal API tokens, under {@code petitions.api-tokens.*}: how long a new token works
 * ({@code API_TOKEN_LIFETIME}). A token's end is fixed when it is made; changing this changes new
 * tokens only.
 */
@ConfigurationProperties("petitions.api-tokens")
public record ApiTokenSettings(Duration lifetime) {
}
