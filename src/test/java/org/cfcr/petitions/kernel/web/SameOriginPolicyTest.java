package org.cfcr.petitions.kernel.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which form posts count as sent from one of our own pages, by what the browser says of them. */
class SameOriginPolicyTest {

    private final SameOriginPolicy behindTls = new SameOriginPolicy(new PublicLinks(new SiteSettings("https://sign.example.org/"), 8080));
    private final SameOriginPolicy plainHttp = new SameOriginPolicy(new PublicLinks(new SiteSettings(null), 8080));

    @Test
    void sec_fetch_site_decides_when_the_browser_sends_it() {
        assertTrue(behindTls.allows(post(Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null"))));
        assertTrue(behindTls.allows(post(Map.of("Sec-Fetch-Site", "none"))), "the person's own action (a reload)");
        assertFalse(behindTls.allows(post(Map.of("Sec-Fetch-Site", "same-site", "Origin", "https://sign.example.org"))),
                "a sibling subdomain, whatever Origin says");
        assertFalse(behindTls.allows(post(Map.of("Sec-Fetch-Site", "cross-site"))));
        assertFalse(behindTls.allows(post(Map.of("Sec-Fetch-Site", "anything else"))));
    }

    @Test
    void without_it_an_origin_must_be_ours() {
        assertTrue(behindTls.allows(post(Map.of("Origin", "https://sign.example.org"))));
        assertTrue(behindTls.allows(post(Map.of("Origin", "https://SIGN.example.org:443"))));
        assertTrue(behindTls.allows(post(Map.of("Origin", "https://10.0.0.5:8443", "Host", "10.0.0.5:8443"))),
                "the host the request was sent to");
        assertFalse(behindTls.allows(post(Map.of("Origin", "http://sign.example.org"))), "over https, only an https origin");
        assertFalse(behindTls.allows(post(Map.of("Origin", "https://sign.example.org.forger.example"))));
        assertFalse(behindTls.allows(post(Map.of("Origin", "https://forger.example", "Host", "sign.example.org"))));
        assertFalse(behindTls.allows(post(Map.of("Origin", "https://sign.example.org:8443"))));
        for (String hostile : new String[] {"not an origin", "https://", "//sign.example.org", "https://a b", "\u202Ehttps://x"}) {
            assertFalse(behindTls.allows(post(Map.of("Origin", hostile))), hostile);
        }
        assertTrue(plainHttp.allows(post(Map.of("Origin", "http://localhost:8080"))));
        assertTrue(plainHttp.allows(post(Map.of("Origin", "http://127.0.0.1:8080", "Host", "127.0.0.1:8080"))));
        assertFalse(plainHttp.allows(post(Map.of("Origin", "http://localhost:9999"))));
    }

    @Test
    void an_origin_of_null_or_no_header_at_all_leaves_it_to_the_token() {
        assertTrue(behindTls.allows(post(Map.of("Origin", "null"))), "our own pages' forms under Referrer-Policy: no-referrer");
        assertTrue(behindTls.allows(post(Map.of())), "a script, or a browser too old to say");
    }

    private static HttpRequest<?> post(Map<String, String> headers) {
        MutableHttpRequest<String> request = HttpRequest.POST("/admin/campaigns/1/state", "");
        headers.forEach(request::header);
        return request;
    }
}
