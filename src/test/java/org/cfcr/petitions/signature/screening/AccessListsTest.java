package org.cfcr.petitions.signature.screening;

import io.micronaut.core.io.ResourceResolver;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.signature.EmailAddress;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allow and block lists, the big providers' exemption, and the per-source rate limits. */
class AccessListsTest {

    static AbuseSettings settings(List<String> allow, List<String> blockAddresses, List<String> blockDomains,
                                  List<String> blockEmails) {
        return new AbuseSettings(allow, blockAddresses, blockDomains, blockEmails, List.of("partner.example"),
                2, 3, 100, 600, 30, 200, 3000, Duration.ofHours(1), 16, Duration.ofSeconds(3), Duration.ofHours(24), 20);
    }

    private static ClientAddress client(String address) throws Exception {
        return new ClientAddress(InetAddress.getByName(address));
    }

    @Test
    void blocked_ranges_domains_with_their_subdomains_and_email_patterns_are_held() throws Exception {
        AccessLists lists = new AccessLists(settings(List.of("192.0.2.1"), List.of("198.51.100.0/24"),
                List.of("@spam.example"), List.of("bot*@*")), new ResourceResolver());
        assertTrue(lists.isBlocked(client("198.51.100.9"), new EmailAddress("jane@example.org")));
        assertTrue(lists.isBlocked(null, new EmailAddress("jane@mail.spam.example")));
        assertTrue(lists.isBlocked(null, new EmailAddress("Bot42@example.org")));
        assertFalse(lists.isBlocked(client("203.0.113.9"), new EmailAddress("jane@example.org")));
        assertTrue(lists.isAllowed(client("192.0.2.1")));
        assertFalse(lists.isAllowed(client("192.0.2.2")));
    }

    @Test
    void big_providers_and_allowed_domains_have_no_per_domain_limit() {
        AccessLists lists = new AccessLists(settings(List.of(), List.of(), List.of(), List.of()), new ResourceResolver());
        assertTrue(lists.isDomainUnlimited("gmail.com"));
        assertTrue(lists.isDomainUnlimited("qq.com"));
        assertTrue(lists.isDomainUnlimited("partner.example"));
        assertFalse(lists.isDomainUnlimited("small-ngo.example"));
    }

    @Test
    void a_setting_that_cannot_be_read_stops_the_start_with_its_name() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new AccessLists(
                settings(List.of("not-an-address"), List.of(), List.of(), List.of()), new ResourceResolver()));
        assertTrue(refused.getMessage().contains("allow-addresses"), refused.getMessage());
    }

    @Test
    void an_address_may_sign_a_campaign_so_often_a_minute_and_an_ipv6_household_is_one_address() throws Exception {
        RateLimits limits = new RateLimits(settings(List.of(), List.of(), List.of(), List.of()));
        assertTrue(limits.tryAddress(1, client("2001:db8::1")));
        assertTrue(limits.tryAddress(1, client("2001:db8::2")));
        assertFalse(limits.tryAddress(1, client("2001:db8::3")), "the same /64: the limit of 2 a minute is spent");
        assertTrue(limits.tryAddress(2, client("2001:db8::3")), "another campaign has its own limit");
        assertTrue(limits.tryAddress(1, client("2001:db8:0:1::1")), "another /64 is another household");
        assertEquals(2, countTaken(limits, client("203.0.113.5")));
    }

    private static int countTaken(RateLimits limits, ClientAddress client) {
        int taken = 0;
        while (taken < 10 && limits.tryAddress(9, client)) {
            taken++;
        }
        return taken;
    }
}
