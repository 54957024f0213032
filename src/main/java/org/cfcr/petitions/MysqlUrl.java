package org.cfcr.petitions;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What production needs to know of a Connector/J URL ({@code jdbc:mysql://HOST[:PORT][,HOST...]/DB?k=v&...}):
 * whether it verifies the server's certificate, and whether every host is this machine.
 */
final class MysqlUrl {

    private static final String PREFIX = "jdbc:mysql://";
    /** Connector/J's modes that check the certificate (VERIFY_CA) and also the host name (VERIFY_IDENTITY). */
    private static final Set<String> VERIFYING = Set.of("VERIFY_CA", "VERIFY_IDENTITY");

    private MysqlUrl() {
    }

    static boolean verifiesServer(String url) {
        int query = url.indexOf('?');
        String mode = "";
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                // the driver takes the last value given
                if (equals > 0 && pair.substring(0, equals).strip().equals("sslMode")) {
                    mode = pair.substring(equals + 1).strip().toUpperCase(Locale.ROOT);
                }
            }
        }
        return VERIFYING.contains(mode);
    }

    static boolean onlyLoopback(String url) {
        List<String> hosts = hosts(url);
        return !hosts.isEmpty() && hosts.stream().allMatch(LoopbackHosts::isLoopback);
    }

    /** The hosts of the URL's authority, without ports; empty when they are not plain names or addresses. */
    private static List<String> hosts(String url) {
        if (!url.startsWith(PREFIX)) {
            return List.of();
        }
        String rest = url.substring(PREFIX.length());
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String authority = rest.substring(0, end);
        if (authority.isEmpty() || authority.contains("(") || authority.contains("@")) {
            return List.of();
        }
        return List.of(authority.split(",")).stream().map(MysqlUrl::withoutPort).toList();
    }

    private static String withoutPort(String hostAndPort) {
        String host = hostAndPort.strip();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
