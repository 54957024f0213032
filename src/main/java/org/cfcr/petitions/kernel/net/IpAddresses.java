package org.cfcr.petitions.kernel.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads IP address literals only: a host name is never looked up, whatever a header or form says. */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /**
     * Hex groups and colons, perhaps ending in a dotted IPv4 address. Starting with a hex digit or
     * a colon also matters to InetAddress: only such text is parsed as a literal, never looked up.
     */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(\\d{1,3}(\\.\\d{1,3}){3})?");

    private IpAddresses() {
    }

    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        boolean v4 = IPV4.matcher(candidate).matches();
        boolean v6 = !v4 && candidate.length() <= 45 && IPV6.matcher(candidate).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : candidate.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            // a literal (checked above) is parsed without any lookup
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return Optional.empty();
        }
    }

    /** The address's bytes with every bit after the first {@code bits} cleared. */
    static byte[] truncate(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    /**
     * An address as proxies write it in X-Forwarded-For or X-Real-IP: perhaps with a port
     * ("203.0.113.7:5678", "[2001:db8::1]:443"); "unknown" or anything else is no address.
     */
    public static Optional<InetAddress> parseHop(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String hop = text.strip();
        if (hop.startsWith("[") && hop.contains("]")) {
            return parse(hop.substring(1, hop.indexOf(']')));
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') >= 0) {
            return parse(hop.substring(0, colon)); // IPv4 with a port
        }
        return parse(hop);
    }

    /** The usual text form of an address given as bytes. */
    static String format(byte[] bytes) {
        return ClientAddress.of(bytes).getHostAddress();
    }

    /** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are their IPv4 address. */
    static byte[] canonicalBytes(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            mapped &= bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
            if (mapped) {
                return new byte[]{bytes[12], bytes[13], bytes[14], bytes[15]};
            }
        }
        return bytes;
    }
}
