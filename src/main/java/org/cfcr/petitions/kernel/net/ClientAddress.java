package org.cfcr.petitions.kernel.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a request came from, in the two shapes the defences use. An IPv6 household or phone is
 * given a whole /64, so one "address" there is its /64; networks are /24 (IPv4) or /48 (IPv6),
 * which is also all of an address the database keeps.
 */
public record ClientAddress(InetAddress address) {

    static final int IPV4_NETWORK_BITS = 24;
    public static final int IPV6_HOST_BITS = 64;
    static final int IPV6_NETWORK_BITS = 48;

    public boolean isIpv4() {
        return IpAddresses.canonicalBytes(address).length == 4;
    }

    /** The address as limits count it: IPv4 in full, IPv6 its /64. */
    public byte[] hostKey() {
        byte[] bytes = IpAddresses.canonicalBytes(address);
        return isIpv4() ? bytes : IpAddresses.truncate(bytes, IPV6_HOST_BITS);
    }

    /** {@link #hostKey()} as text: "203.0.113.7", or "2001:db8:1:2:0:0:0:0/64". */
    public String hostLabel() {
        byte[] key = hostKey();
        return key.length == 4 ? IpAddresses.format(key) : IpAddresses.format(key) + "/" + IPV6_HOST_BITS;
    }

    /** The network the address belongs to: /24 or /48. */
    public byte[] network() {
        return IpAddresses.truncate(IpAddresses.canonicalBytes(address), isIpv4() ? IPV4_NETWORK_BITS : IPV6_NETWORK_BITS);
    }

    /**
     * The client network that shares a bound of work in flight (live streams, waiting signatures):
     * IPv4 /24, IPv6 /64 (one household's or phone's).
     */
    public String shareLabel() {
        return isIpv4() ? networkLabel(network()) : hostLabel();
    }

    public static String networkLabel(byte[] network) {
        return IpAddresses.format(network) + "/" + (network.length == 4 ? IPV4_NETWORK_BITS : IPV6_NETWORK_BITS);
    }

    public static int networkBits(boolean ipv4) {
        return ipv4 ? IPV4_NETWORK_BITS : IPV6_NETWORK_BITS;
    }

    public static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }
}
