package org.cfcr.petitions.kernel.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addresses and ranges as leads, settings and proxies write them; never a name lookup. */
class IpRangeTest {

    @Test
    void ranges_of_both_families() throws Exception {
        IpRange v4 = IpRange.parse(" 203.0.113.77/24 ").orElseThrow();
        assertEquals("203.0.113.0/24", v4.toString());
        assertTrue(v4.contains(InetAddress.getByName("203.0.113.255")));
        assertFalse(v4.contains(InetAddress.getByName("203.0.114.0")));
        assertEquals("203.0.113.255", InetAddress.getByAddress(v4.lastAddress()).getHostAddress());
        IpRange v6 = IpRange.parse("2001:db8:abcd::/48").orElseThrow();
        assertTrue(v6.contains(InetAddress.getByName("2001:db8:abcd:ffff::1")));
        assertFalse(v6.contains(InetAddress.getByName("203.0.113.1")));
        assertEquals("10.0.0.0/8", IpRange.parse("::ffff:10.1.2.3/104").orElseThrow().toString(),
                "an IPv4-mapped range is written in IPv6 bits");
        assertTrue(IpRange.parse("10.0.0.1").orElseThrow().contains(InetAddress.getByName("::ffff:10.0.0.1")));
    }

    @Test
    void what_is_not_an_address_is_refused_without_alookup() {
        for (String text : new String[]{"localhost", "example.org", ".::1", "999.1.1.1", "1.2.3", "1.2.3.4/33",
                "2001:db8::/129", "::ffff:10.0.0.0/8", "1.2.3.4/-1", "1.2.3.4/", "", "::g", "1:2:3:4:5:6:7:8:9"}) {
            assertTrue(IpRange.parse(text).isEmpty(), text);
        }
    }

    @Test
    void proxy_hops_may_carry_ports() {
        assertEquals("203.0.113.7", IpAddresses.parseHop("203.0.113.7:5678").orElseThrow().getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", IpAddresses.parseHop("[2001:db8::1]:443").orElseThrow().getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", IpAddresses.parseHop("2001:db8::1").orElseThrow().getHostAddress());
        assertTrue(IpAddresses.parseHop("unknown").isEmpty());
        assertTrue(IpAddresses.parseHop("_hidden").isEmpty());
    }
}
