package org.cfcr.petitions.kernel.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Served over TLS (PUBLIC_BASE_URL is https): HSTS, and every cookie Secure, HttpOnly and SameSite. */
@MicronautTest(transactional = false)
class TlsHeadersTest extends ServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.site.public-base-url", "https://sign.example.org");
    }

    @Test
    void behind_tls_browsers_are_told_to_stay_on_https_and_cookies_never_travel_in_clear() {
        Browser.Page page = browser().get("/campaigns/" + openCampaign().slug() + "?lang=zh");
        assertEquals("max-age=31536000; includeSubDomains", page.header("Strict-Transport-Security"));
        List<String> cookies = page.response().headers().allValues("Set-Cookie");
        assertEquals(2, cookies.size(), cookies.toString());
        for (String cookie : cookies) {
            assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
            assertTrue(cookie.contains("Secure"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
        }
    }
}
