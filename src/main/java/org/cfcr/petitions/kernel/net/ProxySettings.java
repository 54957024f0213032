package org.cfcr.petitions.kernel.net;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Behind a reverse proxy, under {@code petitions.proxy.*}: without both, the connection's peer is
 * the client and no header is believed.
 *
 * @param clientAddressHeader the header the proxy sets (CLIENT_ADDRESS_HEADER), e.g. X-Forwarded-For
 * @param trusted             the proxies' addresses, CIDR ranges (TRUSTED_PROXIES)
 */
@ConfigurationProperties("petitions.proxy")
public record ProxySettings(@Nullable String clientAddressHeader, @Nullable List<String> trusted) {
}
