package org.cfcr.petitions.kernel.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/** An address or a CIDR range, IPv4 or IPv6: "203.0.113.7", "203.0.113.0/24", "2001:db8::/32". */
public record IpRange(byte[] network, int bits) {

    public static Optional<IpRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.strip();
        int slash = candidate.indexOf('/');
        String addressPart = slash < 0 ? candidate : candidate.substring(0, slash);
        Optional<InetAddress> address = IpAddresses.parse(addressPart);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = IpAddresses.canonicalBytes(address.get());
        int max = bytes.length * 8;
        int bits = max;
        if (slash >= 0) {
            String suffix = candidate.substring(slash + 1);
            if (!suffix.matches("\\d{1,3}")) {
                return Optional.empty();
            }
            bits = Integer.parseInt(suffix);
            if (bytes.length == 4 && addressPart.contains(":")) {
                // ::ffff:10.0.0.0/104 is written in IPv6 bits; its IPv4 range is /8
                if (bits < 96) {
                    return Optional.empty();
                }
                bits -= 96;
            }
            if (bits > max) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(IpAddresses.truncate(bytes, bits), bits));
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = IpAddresses.canonicalBytes(address);
        return bytes.length == network.length && Arrays.equals(IpAddresses.truncate(bytes, bits), network);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    /** The last address of the range, as bytes (for range queries on stored prefixes). */
    public byte[] lastAddress() {
        byte[] out = network.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] | (0xFF >>> keep));
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.bits == bits && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + bits;
    }
}
