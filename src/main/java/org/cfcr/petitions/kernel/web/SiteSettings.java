package org.cfcr.petitions.kernel.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where visitors reach the service, under {@code petitions.site.*}.
 *
 * @param publicBaseUrl base of the links in emails (PUBLIC_BASE_URL); empty means this server's local address
 */
@ConfigurationProperties("petitions.site")
public record SiteSettings(@Nullable String publicBaseUrl) {
}
