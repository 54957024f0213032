package org.cfcr.petitions.kernel.net;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.DefaultHttpClientAddressResolver;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;

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
 * Addresses may carry a port; a hop that is not an address ("unknown", obfuscated identifiers of
 * RFC 7239) leaves the client unknown rather than guessed.
 */
@Singleton
@Replaces(DefaultHttpClientAddressResolver.class)
public class TrustedProxyAddressResolver implements HttpClientAddressResolver {

    private final String header;
    private final List<IpRange> trusted;

    public TrustedProxyAddressResolver(ProxySettings settings) {
        String header = settings.clientAddressHeader() == null ? "" : settings.clientAddressHeader();
        List<String> trusted = settings.trusted() == null ? List.of() : settings.trusted();
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

    /**
     * The client, or empty when a proxy of ours sent no address we can read: then no one is
     * counted as that proxy (which would put every visitor in one rate-limit bucket).
     */
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
        if (hops.isEmpty()) {
            return Optional.of(new ClientAddress(peerAddress)); // the proxy host itself, not forwarding
        }
        InetAddress client = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpAddresses.parseHop(hops.get(i));
            if (hop.isEmpty()) {
                return Optional.empty(); // what lies beyond an unreadable hop is unknown
            }
            client = hop.get();
            if (!isTrusted(client)) {
                return Optional.of(new ClientAddress(client));
            }
        }
        // every hop is one of our proxies: the leftmost is as far as anyone can see
        return Optional.ofNullable(client).map(ClientAddress::new);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }
}
