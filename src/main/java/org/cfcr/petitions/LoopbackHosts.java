package org.cfcr.petitions;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host named in a setting is this machine's loopback: {@code localhost}, 127.0.0.0/8 or
 * ::1, written as such (no name is looked up: what a resolver answers could change after start).
 * Traffic to it never leaves the host, so a local mail relay or a TLS-terminating proxy on the same
 * host needs no TLS of its own.
 */
final class LoopbackHosts {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private LoopbackHosts() {
    }

    static boolean isLoopback(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(name).matches()) {
            return isLoopbackV4(name.split("\\."));
        }
        if (!name.contains(":") || !IPV6.matcher(name).matches()) {
            return false;
        }
        try {
            // a literal address is parsed, never looked up
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    private static boolean isLoopbackV4(String[] octets) {
        for (String octet : octets) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return octets[0].equals("127");
    }
}
