package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.DemoSeeding;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coalition's story as it deploys the service: behind TLS, with its own campaigns loaded once however often
 * seeding runs.
 */
@MicronautTest(transactional = false)
class CoalitionDeploysTheService extends ServiceTest {

    @Inject
    DemoSeeding seeder;

    @Inject
    Leads leads;

    /** As the coalition runs it: behind TLS, and with its campaigns loaded at start. */
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.site.public-base-url", "https://sign.example.org",
                "petitions.seed-demo-campaigns", "true");
    }

    // Served over TLS (PUBLIC_BASE_URL is https): HSTS, and every cookie Secure, HttpOnly and SameSite.

    @Test
    void behind_tls_browsers_are_told_to_stay_on_https_and_cookies_never_travel_in_clear() {
        Browser.Page page = browser().get("/admin/login?lang=zh"); // a form with this browser's token: two cookies
        assertEquals("max-age=31536000; includeSubDomains", page.header("Strict-Transport-Security"));
        List<String> cookies = page.response().headers().allValues("Set-Cookie");
        assertEquals(2, cookies.size(), cookies.toString());
        for (String cookie : cookies) {
            assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
            assertTrue(cookie.contains("Secure"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
        }
    }

    @Test
    void behind_tls_the_session_csrf_and_device_cookies_are_host_cookies_that_no_subdomain_can_plant() {
        Account lead = leads.account(Role.LEAD);
        Browser browser = browser();
        Browser.Page login = browser.get("/admin/login");
        String csrf = cookie(login, "__Host-csrf");
        assertHostCookie(login, "__Host-csrf", "SameSite=Lax");
        Browser.Page done = browser.postForm("/admin/login", Map.of("email", lead.email(), "password", Leads.PASSWORD,
                "csrfToken", login.csrfToken()), Map.of("Cookie", "__Host-csrf=" + csrf));
        assertEquals(303, done.status(), done.body());
        assertHostCookie(done, "__Host-session", "SameSite=Lax");
        assertHostCookie(done, "__Host-known_device", "SameSite=Strict");
        String session = cookie(done, "__Host-session");
        String cookies = "__Host-csrf=" + csrf + "; __Host-session=" + session;
        Browser.Page second = browser.getWithHeader("/admin/login/second-factor", "Cookie", cookies);
        assertEquals(303, browser.postForm("/admin/login/second-factor", Map.of("code", leads.recoveryCode(lead),
                "csrfToken", second.csrfToken(), "next", "/admin"), Map.of("Cookie", cookies)).status());

        assertEquals(200, browser.getWithHeader("/admin", "Cookie", "__Host-session=" + session).status());
        Browser.Page bare = browser.getWithHeader("/admin", "Cookie", "session=" + session);
        assertEquals(303, bare.status(), "a cookie without the prefix, as a sibling subdomain could plant, is ignored");
        assertTrue(bare.location().startsWith("/admin/login"), bare.location());
    }

    private static String cookie(Browser.Page page, String name) {
        return page.response().headers().allValues("Set-Cookie").stream().filter(header -> header.startsWith(name + "="))
                .map(header -> header.substring(name.length() + 1).split(";")[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + page.response().headers().map()));
    }

    /** What a browser requires of a {@code __Host-} cookie: Secure, Path=/, no Domain. */
    private static void assertHostCookie(Browser.Page page, String name, String sameSite) {
        String header = page.response().headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(name + "=")).findFirst().orElseThrow();
        assertTrue(header.contains("Secure"), header);
        assertTrue(header.contains("Path=/;") || header.endsWith("Path=/"), header);
        assertFalse(header.toLowerCase().contains("domain="), header);
        assertTrue(header.toLowerCase().contains("httponly"), header);
        assertTrue(header.contains(sameSite), header);
    }

    @Test
    void the_coalitions_campaigns_are_loaded_once_however_often_seeding_runs() {
        assertTrue(seeder.shouldSeed());
        seeder.seed();
        seeder.seed();
        assertEquals(1, queryLong("SELECT COUNT(*) FROM campaign WHERE slug = 'officials-report-assets'"));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM campaign WHERE slug = 'free-liu-xiaobo-chen-guangcheng'"));
        assertEquals(2, queryLong("SELECT COUNT(*) FROM campaign WHERE discreet = TRUE AND slug IN "
                + "('officials-report-assets', 'free-liu-xiaobo-chen-guangcheng')"), "both discreet");
        String zh = browser().get("/api/v1/campaigns/officials-report-assets?lang=zh").body();
        assertTrue(zh.contains("\"title\":\"政府官员必须申报财产\""), zh);
        String en = browser().get("/api/v1/campaigns/free-liu-xiaobo-chen-guangcheng").body();
        assertTrue(en.contains("\"title\":\"Freedom for Liu Xiaobo and Chen Guangcheng\""), en);
        assertTrue(browser().get("/api/v1/campaigns/free-liu-xiaobo-chen-guangcheng?lang=zh").body()
                .contains("释放刘晓波和陈光诚"));
    }
}
