package org.cfcr.petitions.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.DefaultHttpClientAddressResolver;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;
import org.cfcr.petitions.abuse.ClientAddress;
import org.cfcr.petitions.abuse.IpAddresses;
import org.cfcr.petitions.abuse.IpRange;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's address, for rate limits and the login throttle. Micronaut's default believes any
 * {@code Forwarded} or {@code X-Forwarded-For} header, so anyone could claim any address. Here
 * the connection's peer is the client, unless that peer is one of our own reverse proxies
 * ({@code petitions.proxy.trusted}, CIDR ranges); only then is the configured header read
 * ({@code petitions.proxy.client-address-header}), walked from the right past our proxies to the
 * first address that is not one of them. Whatever lies further left is the client's own claim.
 */
@Singleton
@Replaces(DefaultHttpClientAddressResolver.class)
public class TrustedProxyAddressResolver implements HttpClientAddressResolver {

    private final String header;
    private final List<IpRange> trusted;

    public TrustedProxyAddressResolver(@Value("${petitions.proxy.client-address-header:}") String header,
                                       @Value("${petitions.proxy.trusted:}") List<String> trusted) {
        this.header = header.strip();
        this.trusted = new ArrayList<>();
        for (String range : trusted) {
            if (!range.isBlank()) {
                this.trusted.add(IpRange.parse(range).orElseThrow(() -> new IllegalArgumentException(
                        "petitions.proxy.trusted: \"" + range + "\" is not an address or CIDR range")));
            }
        }
    }

    @Override
    @Nullable
    public String resolve(HttpRequest request) {
        return client(request).map(address -> address.address().getHostAddress()).orElse(null);
    }

    public Optional<ClientAddress> client(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        InetAddress peerAddress = peer == null ? null : peer.getAddress();
        if (peerAddress == null) {
            return Optional.empty();
        }
        if (header.isEmpty() || !isTrusted(peerAddress)) {
            return Optional.of(new ClientAddress(peerAddress));
        }
        List<String> hops = new ArrayList<>();
        for (String value : request.getHeaders().getAll(header)) {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        }
        InetAddress client = peerAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpAddresses.parse(hops.get(i));
            if (hop.isEmpty()) {
                break; // a hop we cannot read: the last one we could is as far as we can trust
            }
            client = hop.get();
            if (!isTrusted(client)) {
                break;
            }
        }
        return Optional.of(new ClientAddress(client));
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }
}
