package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guesser sends wrong passwords to the sign-in all at once, from one address, from many
 * addresses of one IPv6 /64, or hidden behind a proxy that names no address. Each attempt is
 * counted before its password is checked, so no more than the limit are checked; the lead still
 * signs in from elsewhere.
 */
@MicronautTest(transactional = false)
class GuesserFloodsTheSignIn extends ServiceTest {

    private static final int PER_CLIENT = 30;
    /** Addresses of their own on every run: failures stay counted for 15 minutes. */
    private static final java.util.Random RANDOM = new java.security.SecureRandom();

    @Inject
    Leads leads;

    @Test
    void a_burst_from_one_address_gets_no_more_checks_than_the_limit_and_the_lead_still_signs_in() throws Exception {
        Account lead = leads.account(Role.LEAD);
        String address = "198.51." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256);
        int burst = 60;
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        List<Future<Browser.Page>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                String email = uniqueEmail("guess" + i);
                answers.add(pool.submit(() -> wrongPassword(address, email)));
            }
            int checked = 0;
            int atTheLimit = 0;
            for (Future<Browser.Page> answer : answers) {
                Browser.Page page = answer.get();
                if (page.status() == 401) {
                    checked++;
                } else {
                    atTheLimit += page.status() == 429 ? 1 : 0;
                    assertTrue(page.status() == 429 || page.status() == 503, page.status() + " " + page.body());
                    assertNotNull(page.header("Retry-After"));
                }
            }
            assertTrue(checked <= PER_CLIENT, checked + " passwords checked");
            assertEquals(checked, queryLong("SELECT COUNT(*) FROM login_failure WHERE client = ?", address),
                    "one failure recorded per password checked, none for the refused");
            // attempts refused for want of a place or a turn (503) were not counted: unless the burst
            // met the limit (then the node refuses the client for a while), the rest of the allowance remains
            if (atTheLimit == 0) {
                for (long used = checked; used < PER_CLIENT; used++) {
                    assertEquals(401, wrongPassword(address, uniqueEmail("guess")).status());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(429, wrongPassword(address, lead.email()).status());
        leads.signedIn(lead);
        Browser elsewhere = new Browser("http://127.0.0.1:" + server.getPort()).from("192.0.2.200");
        Browser.Page login = elsewhere.get("/admin/login");
        assertEquals(303, elsewhere.postForm("/admin/login", Map.of("email", lead.email(), "password", Leads.PASSWORD,
                "csrfToken", login.csrfToken(), "next", "/admin")).status());
    }

    @Test
    void the_addresses_of_one_ipv6_64_share_one_allowance() {
        String prefix = "2001:db8:" + Integer.toHexString(RANDOM.nextInt(0x10000)) + ":";
        for (int i = 1; i <= PER_CLIENT; i++) {
            assertEquals(401, wrongPassword(prefix + "1::" + Integer.toHexString(i), uniqueEmail("six")).status());
        }
        Browser.Page refused = wrongPassword(prefix + "1:ffff:ffff:ffff:fffe", uniqueEmail("six"));
        assertEquals(429, refused.status());
        assertEquals(String.valueOf(15 * 60), refused.header("Retry-After"));
        assertEquals(401, wrongPassword(prefix + "2::1", uniqueEmail("six")).status(), "the next /64 is another client");
    }

    @Test
    void a_refused_client_is_refused_again_without_a_database_write() {
        String address = "203.0.113." + (1 + RANDOM.nextInt(254));
        execute("DELETE FROM login_failure WHERE client = ?", address);
        for (int i = 1; i <= PER_CLIENT; i++) {
            assertEquals(401, wrongPassword(address, uniqueEmail("again")).status());
        }
        assertEquals(429, wrongPassword(address, uniqueEmail("again")).status());
        // the node remembers the refusal for a while: a flood from this client now writes nothing,
        // even where the database would already let it in again
        execute("DELETE FROM login_failure WHERE client = ?", address);
        for (int i = 0; i < 5; i++) {
            assertEquals(429, wrongPassword(address, uniqueEmail("again")).status());
        }
        assertEquals(0, queryLong("SELECT COUNT(*) FROM login_failure WHERE client = ?", address));
    }

    @Test
    void clients_whose_address_is_unknown_share_one_allowance() {
        execute("DELETE FROM login_failure WHERE client = 'unknown'");
        try {
            for (int i = 1; i <= PER_CLIENT; i++) {
                assertEquals(401, wrongPassword("unknown", uniqueEmail("hidden")).status());
            }
            assertEquals(429, wrongPassword("not-an-address", uniqueEmail("hidden")).status());
        } finally {
            execute("DELETE FROM login_failure WHERE client = 'unknown'");
        }
    }

    private Browser.Page wrongPassword(String address, String email) {
        Browser browser = new Browser("http://127.0.0.1:" + server.getPort()).from(address);
        Browser.Page login = browser.get("/admin/login");
        return browser.postForm("/admin/login", Map.of("email", email, "password", "not the password at all",
                "csrfToken", login.csrfToken(), "next", "/admin"));
    }
}
