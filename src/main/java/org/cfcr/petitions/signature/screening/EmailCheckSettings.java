package org.cfcr.petitions.signature.screening;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Throwaway-mail addresses, under {@code petitions.email.*}.
 *
 * @param disposable            refuse (the signer is asked for another address) or hold (DISPOSABLE_EMAIL)
 * @param disposableDomainsFile more throwaway-mail domains, one per line (DISPOSABLE_DOMAINS_FILE)
 */
@ConfigurationProperties("petitions.email")
public record EmailCheckSettings(String disposable, @Nullable String disposableDomainsFile) {
}
