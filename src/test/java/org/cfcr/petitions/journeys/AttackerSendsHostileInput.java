package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.cfcr.petitions.support.Leads.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attacker's story: hostile values in every field, parameter, path and header, and links too long to be ours, all
 * answered without a 5xx, an echo or a half-stored row.
 */
@MicronautTest(transactional = false)
class AttackerSendsHostileInput extends ServiceTest {

    @Inject
    Leads leads;

    // A corpus of hostile values sent into every form field, JSON field, query parameter, path segment and the
    // headers we read. Whatever comes back must not be a 5xx, must not echo markup unescaped, and nothing may be
    // stored half-way; no email may carry an extra header or recipient.

    static final List<String> CORPUS = List.of(
            "A".repeat(100_000),
            "界".repeat(5_000),
            "\u0000",
            "name\u0000with nul",
            "\u0007\u001b[31mred\u001b[0m",
            "line\r\nbreak",
            "\u202Egnp.exe",
            "zero\u200Bwidth\uFEFF",
            "' OR 1=1 --",
            "'; DROP TABLE signature; --",
            "\\' UNION SELECT email, name FROM signature --",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "</textarea><svg onload=alert(1)>",
            "javascript:alert(1)",
            "[[${7*7}]] [(${T(java.lang.Runtime).getRuntime().exec('id')})]",
            "__${T(java.lang.Runtime).getRuntime()}__::.x",
            "{{7*7}} #{7*7} ${7*7}",
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "-2+3",
            "victim@example.org\r\nBcc: everyone@evil.example",
            "victim@example.org\nBcc: everyone@evil.example",
            "a@example.org, b@evil.example",
            "\"Someone\" <a@evil.example>",
            "%0d%0aBcc:%20x@evil.example",
            "👩‍👩‍👧‍👦🏳️‍🌈",
            "𠜎𠜱𠝹𠱓",
            "刘晓波 Liu Xiaobo",
            "ａｄｍｉｎ",
            "9".repeat(400),
            "-1",
            "NaN",
            "1e309",
            "0x7fffffff",
            "../../../../etc/passwd",
            "%2e%2e%2f%2e%2e%2f",
            "null",
            "[]",
            "{}",
            "CN\u0000",
            "2026-02-30T25:61",
            "+300000000-01-01 00:00",
            ".::1",
            " ");

    /** Netty's limit on the request line (micronaut.server.netty.max-initial-line-length). */
    static final int MAX_REQUEST_LINE = 4096;

    /** Markup that must never come back as it was sent. */
    static final List<String> MARKUP = List.of("<script>alert(1)", "<img src=x onerror", "<svg onload");

    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    /** Requests already sent, answered by a few threads: the corpus is thousands of requests. */
    private final List<Runnable> queued = new ArrayList<>();

    @BeforeEach
    void fresh_failures() {
        failures.clear();
    }

    @Test
    void the_sign_form_and_the_json_api() {
        Campaign campaign = openCampaign();
        Browser browser = browser();
        String action = "/campaigns/" + campaign.slug() + "/signatures";
        List<String> fields = List.of("name", "email", "country", "city", "publicDisplay", "emailUpdates", "csrfToken",
                "formToken", "website", "proof");
        for (String field : fields) {
            for (String value : CORPUS) {
                Map<String, String> form = new LinkedHashMap<>(signer("Hostile Tester", uniqueEmail("hostile")));
                form.put(field, value);
                later("form " + field, value, () -> browser.postForm(action, form));
            }
        }
        String api = "/api/v1/campaigns/" + campaign.slug() + "/signatures";
        List<String> jsonFields = List.of("name", "email", "country", "city", "publicDisplay", "lang", "formToken", "proof");
        for (String field : jsonFields) {
            for (String value : CORPUS) {
                Map<String, String> body = new LinkedHashMap<>(Map.of("name", "Json Tester", "email", uniqueEmail("json"),
                        "country", "CN", "publicDisplay", "FULL_NAME"));
                body.put(field, value);
                later("json " + field, value, () -> browser.postJson(api, json(body)));
            }
            for (String raw : List.of("123", "true", "[1,2]", "{\"a\":1}", "null", "1e999")) {
                String body = "{\"name\":\"Typed\",\"email\":\"" + uniqueEmail("typed") + "\",\"country\":\"CN\","
                        + "\"publicDisplay\":\"HIDDEN\",\"" + field + "\":" + raw + "}";
                later("json " + field + " typed", raw, () -> browser.postJson(api, body));
            }
        }
        for (String body : List.of("", "{", "[]", "\"x\"", "{\"name\":", "{\"emailUpdates\":\"maybe\"}",
                "{\"name\":\"x\",\"name\":\"y\"}", "{\"a\":" + "[".repeat(5000) + "}")) {
            later("json body", body, () -> browser.postJson(api, body));
        }
        byte[] invalidUtf8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        later("json invalid UTF-8", "bytes", () -> browser.postBytes(api, "application/json", invalidUtf8));
        later("form invalid UTF-8", "bytes", () -> browser.post(action, "application/x-www-form-urlencoded",
                "name=%C3%28%FF&email=" + uniqueEmail("utf") + "&country=CN&publicDisplay=HIDDEN",
                Map.of("Sec-Fetch-Site", "same-origin")));
        later("json as text", "text", () -> browser.post(api, "text/plain", "{\"name\":\"x\"}"));
        sendQueued();

        // nothing half-stored: every signature has its confirmation email and link, and no stored
        // name or city holds a control character or a direction override
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature s WHERE campaign_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM outbox_email o WHERE o.signature_id = s.id)", campaign.id()));
        for (var signature : storedSignatures(campaign)) {
            String stored = signature.name() + signature.city() + signature.email();
            assertTrue(stored.chars().noneMatch(c -> c == 0 || c == 0x202E || c == 0x1b || c == '\r' || c == '\n'), stored);
        }
        long stored = queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id());
        assertTrue(stored > 0, "the corpus includes values that are fine, and those were taken");

        // what was taken is shown escaped wherever signers appear, once confirmed
        confirmAllThroughTheStore(campaign);
        for (String page : List.of("/campaigns/" + campaign.slug() + "/signers", "/campaigns/" + campaign.slug(),
                "/campaigns/" + campaign.slug() + "/press", "/embed/" + campaign.slug(),
                "/campaigns/" + campaign.slug() + "/signers.csv")) {
            later("page " + page, "listing", () -> browser.get(page));
        }
        sendQueued();
        assertEquals(List.of(), TestMailServer.messagesTo("everyone@evil.example"), "no injected recipient");
        assertEquals(List.of(), TestMailServer.messagesTo("b@evil.example"));
        assertEquals(List.of(), TestMailServer.messagesTo("a@evil.example"));
        assertEquals(List.of(), TestMailServer.messagesTo("x@evil.example"));
        assertNoFailures();
    }

    @Test
    void query_parameters_paths_and_headers() {
        Campaign campaign = openCampaign();
        Browser browser = browser();
        String slug = campaign.slug();
        for (String value : CORPUS) {
            String q = encode(value);
            for (String path : List.of("/?lang=" + q, "/campaigns/" + slug + "?lang=" + q,
                    "/api/v1/campaigns/" + slug + "?lang=" + q, "/api/v1/campaigns/" + slug + "/signers?page=" + q,
                    "/api/v1/campaigns/" + slug + "/signers?size=" + q, "/api/v1/campaigns/" + slug + "/history?from=" + q,
                    "/api/v1/campaigns/" + slug + "/history?to=" + q, "/api/v1/campaigns/" + slug + "/history?step=" + q,
                    "/campaigns/" + slug + "/signers?page=" + q, "/admin/login?next=" + q,
                    "/campaigns/" + q, "/confirm/" + q, "/withdraw/" + q, "/unsubscribe/" + q, "/embed/" + q,
                    "/badge/" + q + ".svg", "/api/v1/campaigns/" + q, "/api/v1/campaigns/" + q + "/live",
                    "/campaigns/" + q + "/press")) {
                later("GET " + path, value, () -> browser.get(path));
            }
            for (String path : List.of("/confirm/" + q, "/withdraw/" + q, "/unsubscribe/" + q)) {
                if (path.length() > MAX_REQUEST_LINE) {
                    // refused with 413 and the connection closed, sometimes before the client has
                    // sent all of its body and could read the answer: either way, the server must
                    // go on serving
                    try {
                        check("POST " + path, value, send(() -> browser.postForm(path, Map.of("csrfToken", value))));
                    } catch (IllegalStateException closedEarly) {
                        assertEquals(200, browser().get("/").status(), "the server serves on after " + path.length());
                    }
                    continue;
                }
                later("POST " + path, value, () -> browser.postForm(path, Map.of("csrfToken", value)));
            }
            if (!value.contains("\r") && !value.contains("\n") && !value.contains("\u0000")
                    && value.chars().allMatch(c -> c >= 0x20 && c < 0x7F) && value.length() < 8000) {
                for (String header : List.of("Accept-Language", "X-Forwarded-For", "Cookie", "If-None-Match", "Origin")) {
                    later("header " + header, value, () -> browser.getWithHeader("/campaigns/" + slug, header,
                            header.equals("Cookie") ? "lang=" + value + "; csrf=" + value : value));
                }
            }
        }
        sendQueued();
        assertNoFailures();
    }

    @Test
    void the_login_and_every_admin_form() {
        Campaign campaign = openCampaign();
        Browser admin = leads.signedIn(leads.account(Role.ADMIN));
        Browser anonymous = browser().from("198.51.100.250"); // the login throttle counts per client address
        String loginCsrf = anonymous.get("/admin/login").csrfToken();
        for (String field : List.of("email", "password", "next", "csrfToken")) {
            for (String value : CORPUS) {
                Map<String, String> form = new LinkedHashMap<>(Map.of("email", "nobody@example.org",
                        "password", "not the password", "next", "/admin", "csrfToken", loginCsrf));
                form.put(field, value);
                later("login " + field, value, () -> anonymous.postForm("/admin/login", form));
            }
        }
        String csrf = admin.get("/admin").csrfToken();
        String base = "/admin/campaigns/" + campaign.id();
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put(base + "/edit", Map.of("slug", campaign.slug(), "goal", "1000", "deadline", "", "titleEn", "T",
                "titleZh", "标题", "summaryEn", "S", "summaryZh", "摘要", "bodyEn", "B", "bodyZh", "正文"));
        forms.put("/admin/campaigns", Map.of("slug", "", "goal", "1000", "titleEn", "New"));
        forms.put(base + "/updates", Map.of("titleEn", "U", "titleZh", "更新", "bodyEn", "Body", "bodyZh", "内容"));
        forms.put(base + "/state", Map.of("target", "OPEN"));
        forms.put(base + "/leads", Map.of("accountId", "1", "action", "add"));
        forms.put(base + "/checks/invalidate", Map.of("domain", "example.org"));
        forms.put(base + "/checks/release", Map.of("rule", "BOT"));
        forms.put(base + "/checks/challenge", Map.of("mode", "AUTO"));
        forms.put("/admin/account/tokens", Map.of("label", "script"));
        forms.put("/admin/account/password", Map.of("current", "x", "password", "y", "repeat", "y"));
        forms.put("/admin/accounts", Map.of("email", uniqueEmail("lead"), "name", "Lead", "password", "a long enough passphrase"));
        for (Map.Entry<String, Map<String, String>> entry : forms.entrySet()) {
            List<String> fields = new ArrayList<>(entry.getValue().keySet());
            fields.add("csrfToken");
            for (String field : fields) {
                for (String value : CORPUS) {
                    Map<String, String> form = new LinkedHashMap<>(entry.getValue());
                    form.put("csrfToken", csrf);
                    form.put(field, value);
                    later("POST " + entry.getKey() + " " + field, value, () -> admin.postForm(entry.getKey(), form));
                }
            }
        }
        for (String value : CORPUS) {
            for (String field : List.of("address", "host", "domain", "email", "country", "from", "to")) {
                later("checks " + field, value, () -> admin.get(base + "/checks?" + field + "=" + encode(value)));
            }
            later("export filter", value, () -> admin.postForm(base + "/export.csv",
                    Map.of("csrfToken", csrf, "status", value, "from", value)));
            later("campaign id", value, () -> admin.get("/admin/campaigns/" + encode(value)));
            later("preview", value, () -> admin.get(base + "/preview?lang=" + encode(value)));
        }
        sendQueued();
        assertEquals(0, queryLong("SELECT COUNT(*) FROM campaign WHERE title_en LIKE ? OR title_en LIKE ?",
                "%\u0000%", "%\u202E%"), "control characters never reach a campaign");
        assertNoFailures();
    }

    /** As if every signer had confirmed (not counted: only the pages that list signers are read). */
    private void confirmAllThroughTheStore(Campaign campaign) {
        List<Long> ids = queryLongs("SELECT id FROM signature WHERE campaign_id = ? ORDER BY id", campaign.id());
        for (int from = 0; from < ids.size(); from += 100) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + 100));
            transactions.executeWrite(status -> {
                signatureStore.markConfirmed(batch, clock.instant());
                return null;
            });
        }
    }

    @AfterAll
    void corpus_size() {
        System.out.println("Hostile corpus: " + CORPUS.size() + " values, " + requests.get() + " requests in this class");
    }

    /**
     * Sends once more when the connection was closed under the request: after answering an
     * over-long request with 413 the server closes the connection, and the client may already
     * have sent the next request on it. A server that really fails fails the second time too.
     */
    private static Browser.Page send(java.util.function.Supplier<Browser.Page> request) {
        try {
            return request.get();
        } catch (IllegalStateException closed) {
            return request.get();
        }
    }

    /** Queues a request and its check; {@link #sendQueued} sends them all. */
    private void later(String where, String value, java.util.function.Supplier<Browser.Page> request) {
        queued.add(() -> check(where, value, send(request)));
    }

    private void sendQueued() {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> running = queued.stream().<java.util.concurrent.Future<?>>map(pool::submit).toList();
            for (java.util.concurrent.Future<?> request : running) {
                request.get();
            }
        } catch (Exception e) {
            throw new AssertionError("A request could not be sent", e);
        } finally {
            queued.clear();
            pool.shutdownNow();
        }
    }

    private void check(String where, String value, Browser.Page page) {
        requests.incrementAndGet();
        if (System.getenv("HOSTILE_TRACE") != null) {
            System.out.println(java.time.LocalTime.now() + " TRACE " + where + " <- " + (value.length() > 30 ? value.substring(0, 30) : value) + " = " + page.status());
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
        if (page.status() >= 500) {
            failures.add(where + " <- " + shown + ": " + page.status() + " " + abbreviate(page.body()));
            return;
        }
        String type = page.header("Content-Type");
        if (type != null && (type.startsWith("text/html") || type.startsWith("image/svg"))) {
            for (String markup : MARKUP) {
                if (page.body().contains(markup)) {
                    failures.add(where + " <- " + shown + ": echoed unescaped " + markup);
                }
            }
            // long markers only: a page's random CSRF and form tokens contain a short one like "SQL" now and then
            for (String internal : List.of("Exception", "at org.cfcr.", "java.sql", "SQL syntax", "SQLState")) {
                int at = page.body().indexOf(internal);
                if (at >= 0) {
                    failures.add(where + " <- " + shown + ": internals in the page (" + page.status() + "): "
                            + page.body().substring(Math.max(0, at - 150), Math.min(page.body().length(), at + 150)));
                }
            }
        }
    }

    private void assertNoFailures() {
        assertEquals(List.of(), failures.stream().limit(40).toList(), failures.size() + " failures");
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String json(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(name).append("\":\"");
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\' || c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        });
        return out.append('}').toString();
    }

    // A mangled or overlong link gets our page, never the framework's JSON.

    @Test
    void a_very_long_confirmation_link_is_a_link_we_do_not_know() {
        Browser.Page page = browser().acceptLanguage("zh").get("/confirm/" + "a".repeat(5000));
        assertEquals(404, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.html().text().contains("有些邮件程序会截断较长的链接"), page.body());
    }

    @Test
    void an_address_longer_than_the_server_reads_gets_our_page() {
        Browser.Page page = browser().get("/confirm/" + "a".repeat(20_000));
        assertEquals(414, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.html().text().contains("This address is too long to be one of ours"), page.body());
        assertTrue(!page.body().contains("_links"), page.body());
    }
}
