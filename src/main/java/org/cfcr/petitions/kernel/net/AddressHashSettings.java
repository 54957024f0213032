package org.cfcr.petitions.kernel.net;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * @param key the key of the client-address hashes (ABUSE_ADDRESS_KEY), the same on every node;
 *            empty: a key kept in the database
 */
@ConfigurationProperties("petitions.address-hash")
public record AddressHashSettings(@Nullable String key) {
}
