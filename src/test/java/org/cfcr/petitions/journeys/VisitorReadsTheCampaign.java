package org.cfcr.petitions.journeys;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.signature.screening.CampaignChallenges;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.cfcr.petitions.update.UnsubscribeLinks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A visitor's story: the campaign and its signers in their language, the public downloads, the widget, and no request
 * to another site.
 */
@MicronautTest(transactional = false)
class VisitorReadsTheCampaign extends ServiceTest {

    @Inject
    JsonMapper json;

    @Inject
    CampaignChallenges challenges;

    @Inject
    UnsubscribeLinks unsubscribeLinks;

    // Three supporters, three display choices: the public sees exactly what each chose, and never an email.

    private Campaign listedCampaign;
    private final String fullEmail = uniqueEmail("full");
    private final String initialsEmail = uniqueEmail("initials");
    private final String hiddenEmail = uniqueEmail("hidden");
    private final String pendingEmail = uniqueEmail("pending");

    @BeforeAll
    void three_supporters_sign_and_confirm_one_does_not() {
        listedCampaign = openCampaign();
        signAndConfirm("Wei Jingsheng", fullEmail, "FULL_NAME");
        signAndConfirm("Ding Zilin", initialsEmail, "INITIALS");
        signAndConfirm("Secret Supporter", hiddenEmail, "HIDDEN");
        Map<String, String> pending = signer("Not Yet Confirmed", pendingEmail);
        browser().sign(listedCampaign.slug(), pending);
        eventually(Duration.ofSeconds(3), () -> browser().get("/api/v1/campaigns/" + listedCampaign.slug()).body()
                .contains("\"signatureCount\":3"), "three confirmed signatures counted");
        clock.reset(); // the other tests of the class start from the real time
    }

    @Test
    void the_signer_list_api_shows_each_signer_as_they_chose_newest_first() {
        String json = browser().get("/api/v1/campaigns/" + listedCampaign.slug() + "/signers?page=0&size=50").body();
        assertTrue(json.startsWith("{\"items\":[{\"name\":null,\"country\":\"CN\",\"city\":null,\"signedOn\":null}"), json);
        int hidden = json.indexOf("\"name\":null");
        int initials = json.indexOf("\"name\":\"D. Z.\"");
        int full = json.indexOf("\"name\":\"Wei Jingsheng\"");
        assertTrue(hidden >= 0 && initials > hidden && full > initials, "newest first: " + json);
        assertTrue(json.contains("\"total\":3"), json);
        assertTrue(json.endsWith("\"page\":0,\"size\":50}"), json);
        assertFalse(json.contains("Secret Supporter"));
        assertFalse(json.contains("Ding Zilin"));
        assertFalse(json.contains("Not Yet Confirmed"), "pending signatures are not listed");
    }

    @Test
    void no_public_list_dates_a_signer_finer_than_the_day_and_a_hidden_signer_not_at_all() {
        String slug = listedCampaign.slug();
        Pattern timeOfDay = Pattern.compile("\\d{1,2}:\\d{2}|T\\d{2}");
        Pattern day = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        String table = browser().get("/campaigns/" + slug + "/signers").html().select("table.signers").text();
        String api = browser().get("/api/v1/campaigns/" + slug + "/signers").body();
        String jsonFile = browser().get("/campaigns/" + slug + "/signers.json").body();
        String csvFile = browser().get("/campaigns/" + slug + "/signers.csv").body();
        for (String listing : List.of(table, api, jsonFile, csvFile)) {
            assertFalse(timeOfDay.matcher(listing).find(), "a time of day in: " + listing);
            assertEquals(2, day.matcher(listing).results().count(), "a day for each shown signer only: " + listing);
        }
        assertTrue(api.contains("{\"name\":null,\"country\":\"CN\",\"city\":null,\"signedOn\":null}"), api);
        assertTrue(csvFile.contains("\r\n,CN,,\r\n"), "the hidden signer's line has no day: " + csvFile);
    }

    @Test
    void the_api_sends_the_same_body_gzipped_once_to_those_who_take_gzip() {
        String path = "/api/v1/campaigns/" + listedCampaign.slug() + "/history"; // 48 points: a few KB
        Browser.Page plain = browser().get(path);
        Browser.Page gzipped = browser().getGzipped(path);
        assertEquals(null, plain.header("Content-Encoding"));
        assertEquals("gzip", gzipped.header("Content-Encoding"));
        assertEquals(plain.body(), gzipped.body());
        assertEquals(plain.header("ETag"), gzipped.header("ETag"));
        assertTrue(gzipped.header("Content-Type").startsWith("application/json"), gzipped.header("Content-Type"));
        assertEquals(304, browser().getWithHeader(path, "If-None-Match", gzipped.header("ETag")).status());
    }

    @Test
    void a_campaign_no_one_has_signed_yet_lists_no_items_rather_than_no_list() {
        assertEquals("{\"items\":[],\"total\":0,\"page\":0,\"size\":50}",
                browser().get("/api/v1/campaigns/" + openCampaign().slug() + "/signers").body());
    }

    @Test
    void the_signer_list_page_shows_the_same_choices() {
        Browser.Page page = browser().get("/campaigns/" + listedCampaign.slug() + "/signers");
        String table = page.html().select("table.signers").text();
        assertTrue(table.contains("Wei Jingsheng"));
        assertTrue(table.contains("D. Z."));
        assertTrue(table.contains("A signer who chose not to be shown"));
        assertFalse(table.contains("Secret Supporter"));
        assertFalse(table.contains("Not Yet Confirmed"));
        assertEquals(3, page.html().select("table.signers tbody tr").size());
    }

    @Test
    void paging_is_checked_and_explained() {
        Browser client = browser();
        assertEquals(400, client.get("/api/v1/campaigns/" + listedCampaign.slug() + "/signers?size=1000").status());
        assertEquals(400, client.get("/api/v1/campaigns/" + listedCampaign.slug() + "/signers?page=-1").status());
        assertEquals(400, client.get("/api/v1/campaigns/" + listedCampaign.slug() + "/signers?page=200&size=50").status(),
                "pages reach back over the newest 10,000 signers only");
        assertEquals(200, client.get("/api/v1/campaigns/" + listedCampaign.slug() + "/signers?page=199&size=50").status());
        Browser.Page bad = client.get("/api/v1/campaigns/" + listedCampaign.slug() + "/signers?page=abc");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("page must be a number"), bad.body());
        String second = client.get("/api/v1/campaigns/" + listedCampaign.slug() + "/signers?page=1&size=2").body();
        assertTrue(second.contains("\"name\":\"Wei Jingsheng\""), second);
        assertEquals(200, client.get("/campaigns/" + listedCampaign.slug() + "/signers?page=zzz").status());
    }

    @Test
    void no_email_address_appears_in_any_public_page_or_api_answer() {
        Browser visitor = browser();
        List<String> paths = List.of("/", "/?lang=zh", "/campaigns/" + listedCampaign.slug(),
                "/campaigns/" + listedCampaign.slug() + "/signers", "/campaigns/" + listedCampaign.slug() + "/check-email",
                "/api/v1/campaigns", "/api/v1/campaigns/" + listedCampaign.slug(),
                "/api/v1/campaigns/" + listedCampaign.slug() + "/signers", "/api/v1/campaigns/" + listedCampaign.slug() + "/signers?size=100");
        for (String path : paths) {
            String body = visitor.get(path).body();
            for (String email : List.of(fullEmail, initialsEmail, hiddenEmail, pendingEmail)) {
                assertFalse(body.toLowerCase().contains(email.toLowerCase()), email + " appears in " + path);
                assertFalse(body.contains(email.substring(0, email.indexOf('@'))), "local part of " + email + " in " + path);
            }
        }
    }

    private void signAndConfirm(String name, String email, String display) {
        Map<String, String> form = signer(name, email);
        form.put("publicDisplay", display);
        Browser browser = browser();
        assertEquals(303, browser.sign(listedCampaign.slug(), form).status());
        assertEquals(303, browser.confirm(confirmLink(TestMailServer.awaitMessage(email))).status());
        // distinct confirmation times, for the newest-first order on second-precision databases
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void a_language_chosen_with_lang_is_remembered_for_the_next_pages() {
        Campaign campaign = openCampaign();
        Browser visitor = browser().acceptLanguage("en-US,en;q=0.9");
        Browser.Page chosen = visitor.get("/?lang=zh");
        assertEquals("zh", chosen.html().selectFirst("html").attr("lang"));
        assertTrue(chosen.header("Set-Cookie") != null && chosen.response().headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("lang=zh")));

        Browser.Page next = visitor.get("/campaigns/" + campaign.slug());
        assertEquals("释放囚犯", next.html().selectFirst("h1").text());
        assertEquals("签名", next.html().selectFirst("form button").text());

        Browser.Page back = visitor.get("/campaigns/" + campaign.slug() + "?lang=en");
        assertEquals("Release the prisoners", back.html().selectFirst("h1").text());
    }

    @Test
    void without_a_choice_the_browser_language_decides() {
        Campaign campaign = openCampaign();
        assertEquals("释放囚犯", browser().acceptLanguage("zh-CN,zh;q=0.9,en;q=0.5")
                .get("/campaigns/" + campaign.slug()).html().selectFirst("h1").text());
        assertEquals("Release the prisoners", browser().acceptLanguage("fr-FR, de;q=0.5")
                .get("/campaigns/" + campaign.slug()).html().selectFirst("h1").text());
        assertEquals("Release the prisoners", browser().acceptLanguage("garbage;;q=x")
                .get("/campaigns/" + campaign.slug()).html().selectFirst("h1").text());
    }

    @Test
    void the_api_gives_chinese_texts_with_lang_zh() {
        Campaign campaign = openCampaign();
        String json = browser().get("/api/v1/campaigns/" + campaign.slug() + "?lang=zh").body();
        assertTrue(json.contains("\"title\":\"释放囚犯\""), json);
        assertTrue(json.contains("\"summary\":\"摘要\""), json);
        assertTrue(json.contains("\"target\":\"政府\""), json);
        assertTrue(json.contains("\"deadline\":null"), json);
        String expected = "{\"slug\":\"" + campaign.slug() + "\",\"title\":\"Release the prisoners\","
                + "\"signatureCount\":0,\"goal\":1000,\"state\":\"OPEN\",\"stale\":false}";
        // the campaign list is cached for two seconds
        eventually(java.time.Duration.ofSeconds(4), () -> browser().get("/api/v1/campaigns").body().contains(expected),
                "the new campaign is listed");
        String list = browser().get("/api/v1/campaigns").body();
        assertTrue(list.contains(expected), list);
    }

    @Test
    void pages_carry_protective_headers_and_unknown_pages_a_friendly_404() {
        Browser.Page home = browser().get("/");
        assertTrue(home.header("Content-Security-Policy").contains("default-src 'self'"));
        assertEquals("no-referrer", home.header("Referrer-Policy"));
        assertEquals("DENY", home.header("X-Frame-Options"));
        assertEquals("public, max-age=1", home.header("Cache-Control"), "the same for everyone: a cache may keep it a moment");
        assertEquals(null, home.header("Set-Cookie"), "and it sets no cookie of this browser's");
        Browser.Page withdraw = browser().get("/withdraw/" + "a".repeat(43));
        assertEquals("private, no-store", withdraw.header("Cache-Control"), "a signer's own page is never shared");
        Browser.Page sneaky = browser().get("//evil.example");
        assertEquals(404, sneaky.status());
        assertTrue(sneaky.html().selectFirst("a.lang-switch").attr("href").startsWith("?"),
                "the language switch never leaves the site: " + sneaky.html().selectFirst("a.lang-switch"));
        Browser.Page missing = browser().get("/no/such/page");
        assertEquals(404, missing.status());
        assertTrue(missing.html().text().contains("We could not find this page."));
        Browser.Page apiMissing = browser().get("/api/v1/nothing-here");
        assertEquals(404, apiMissing.status());
        assertTrue(apiMissing.body().startsWith("{\"message\":"), apiMissing.body());
    }

    @Test
    void a_wrong_campaign_address_is_a_404_in_the_visitors_language_that_no_cache_keeps() {
        Browser.Page english = browser().get("/campaigns/no-such-campaign?utm_source=chat");
        assertEquals(404, english.status());
        assertTrue(english.html().text().contains("There is no campaign at this address."), english.body());
        assertEquals("private, no-store", english.header("Cache-Control"), "an error is asked for again");
        assertEquals("?lang=zh", english.html().selectFirst("a.lang-switch").attr("href"),
                "one render serves every wrong address: its switch names only the language");
        Browser.Page chinese = browser().acceptLanguage("zh-CN").get("/campaigns/another-wrong-one");
        assertEquals(404, chinese.status());
        assertEquals("zh", chinese.html().selectFirst("html").attr("lang"));
    }

    @Test
    void a_campaign_made_a_moment_after_the_public_list_was_read_shows_at_once() {
        assertEquals(200, browser().get("/").status()); // the public list is read now, and kept
        Campaign campaign = openCampaign();
        assertEquals(200, browser().get("/campaigns/" + campaign.slug()).status(),
                "the node that wrote the campaign forgets the list it kept");
        assertTrue(browser().get("/api/v1/campaigns").body().contains(campaign.slug()));
    }

    @Test
    void a_signer_in_chinese_gets_the_email_in_chinese_and_one_in_english_gets_it_in_english() {
        Campaign campaign = openCampaign();
        String chinese = uniqueEmail("zh");
        String english = uniqueEmail("en");
        for (String[] signer : new String[][]{{chinese, "zh"}, {english, "en"}}) {
            assertEquals(202, browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                    "{\"name\":\"刘晓波\",\"email\":\"" + signer[0] + "\",\"country\":\"CN\","
                            + "\"publicDisplay\":\"INITIALS\",\"lang\":\"" + signer[1] + "\"}").status());
        }
        TestMailServer.Mail inChinese = TestMailServer.awaitMessage(chinese);
        assertTrue(inChinese.text().startsWith("您好：") && inChinese.text().contains("释放囚犯"), inChinese.text());
        assertTrue(inChinese.html().contains("释放囚犯"), inChinese.html());
        TestMailServer.Mail inEnglish = TestMailServer.awaitMessage(english);
        assertTrue(inEnglish.text().startsWith("Hello,") && inEnglish.text().contains("Release the prisoners"),
                inEnglish.text());
        assertTrue(confirmLink(inEnglish).startsWith("http://petitions.test/confirm/"));
    }

    // Loads every public page in headless Chromium (Debian's chromium) and fails if the page made any
    // request to another origin: no CDN, font, analytics or captcha may see our visitors. Chromium's network log
    // tells the page's own requests (made for the page's site) from the browser's background traffic, which is left
    // out. Runs wherever chromium is installed; in CI it must be (CI=true), so a missing browser fails there rather
    // than skipping.

    @Test
    void no_public_page_requests_anything_from_another_origin() throws Exception {
        Path chromium = chromium();
        Campaign campaign = openCampaign();
        Campaign flooded = openCampaign();
        challenges.choose(flooded.id(), CampaignChallenges.Mode.ON, null);
        String email = uniqueEmail("visitor");
        signJson(browser(), campaign, email);
        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        String confirm = URI.create(confirmLink(mail)).getPath();
        confirmAs(email);
        long signatureId = queryLong("SELECT id FROM signature WHERE campaign_id = ?", campaign.id());

        String slug = campaign.slug();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", "Coalition");
        pages.put("/?lang=zh", "联署");
        pages.put("/campaigns/" + slug, "Release the prisoners");
        pages.put("/campaigns/" + slug + "?lang=zh", "释放囚犯");
        pages.put("/campaigns/" + slug + "?lang=zh-Hant", "釋放囚犯");
        pages.put("/?lang=zh-Hant", "聯署");
        pages.put("/campaigns/" + slug + "/qr", "<svg");
        pages.put("/campaigns/" + slug + "/preview.png", "");
        pages.put("/campaigns/" + flooded.slug(), "short calculation");
        pages.put("/campaigns/" + slug + "/check-email", "email");
        pages.put("/campaigns/" + slug + "/signers", "Test Signer".substring(0, 1));
        pages.put("/campaigns/" + slug + "/press", "Release the prisoners");
        pages.put("/embed/" + slug, "Release the prisoners");
        pages.put("/api", "API");
        pages.put(confirm, "");
        pages.put(URI.create(withdrawLink(mail)).getPath(), "");
        pages.put("/unsubscribe/" + unsubscribeLinks.token(signatureId), "");
        pages.put("/admin/login", "");
        pages.put("/no-such-page", "");
        pages.put("/badge/" + slug + ".svg", "");

        String origin = "http://127.0.0.1:" + server.getPort();
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Load load = load(chromium, origin + page.getKey());
            assertTrue(load.dom().contains(page.getValue()), page.getKey() + " did not render: " + load.dom());
            assertTrue(load.ownRequests() > 0, page.getKey() + ": no request seen at all");
            load.foreign().forEach(url -> leaks.add(page.getKey() + " -> " + url));
        }
        assertEquals(List.of(), leaks, "requests that left the service's origin");
        challenges.choose(flooded.id(), CampaignChallenges.Mode.AUTO, null);
    }

    private record Load(String dom, int ownRequests, List<String> foreign) {
    }

    private Load load(Path chromium, String url) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("chromium");
        Path netLog = dir.resolve("net.json");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions",
                "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter", "--user-data-dir=" + dir.resolve("profile"),
                // --timeout stops loading after that long and dumps the page; the live count's event
                // stream never ends, so waiting for the network to go quiet would wait forever
                "--log-net-log=" + netLog, "--timeout=1500", "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(dir.resolve("dom.html").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish loading " + url);
        }
        String dom = Files.readString(dir.resolve("dom.html"));
        URI page = URI.create(url);
        String site = page.getScheme() + "://" + page.getHost();
        String origin = site + ":" + page.getPort();
        int own = 0;
        List<String> foreign = new ArrayList<>();
        for (Map<String, Object> request : pageRequests(netLog, site, origin)) {
            String requested = (String) request.get("url");
            if (requested.startsWith(origin + "/") || requested.startsWith("data:")) {
                own++;
            } else {
                foreign.add(requested);
            }
        }
        return new Load(dom, own, foreign);
    }

    /**
     * The requests a page of this site made, from Chromium's network log: the page itself, and
     * every request the page started (its initiator is our origin). The browser's own traffic for
     * the page (form autofill hints and the like) has no such initiator and is not ours to judge.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> pageRequests(Path netLog, String site, String origin) throws IOException {
        Map<String, Object> log = json.readValue(Files.readAllBytes(netLog), Argument.mapOf(String.class, Object.class));
        Map<String, Object> eventTypes = (Map<String, Object>) ((Map<String, Object>) log.get("constants")).get("logEventTypes");
        Number startJob = (Number) eventTypes.get("URL_REQUEST_START_JOB");
        List<Map<String, Object>> requests = new ArrayList<>();
        for (Map<String, Object> event : (List<Map<String, Object>>) log.get("events")) {
            Map<String, Object> params = (Map<String, Object>) event.get("params");
            if (((Number) event.get("type")).intValue() == startJob.intValue() && params != null
                    && String.valueOf(params.get("network_isolation_key")).startsWith(site + " ")
                    && (origin.equals(params.get("initiator")) || "main frame".equals(params.get("request_type")))) {
                requests.add(params);
            }
        }
        return requests;
    }

    private static Path chromium() {
        for (String candidate : new String[]{System.getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("chromium is needed for this test in CI: apt-get install chromium");
        }
        Assumptions.abort("chromium is not installed (apt-get install chromium); CI runs this test");
        return null;
    }

    @Test
    void the_widget_may_be_framed_by_any_site_sets_no_cookie_and_stays_small() {
        Campaign campaign = openCampaign();
        Browser.Page widget = browser().get("/embed/" + campaign.slug() + "?lang=zh");
        assertEquals(200, widget.status());
        assertTrue(widget.header("Content-Security-Policy").contains("frame-ancestors *"));
        assertNull(widget.header("X-Frame-Options"));
        assertTrue(widget.response().headers().allValues("Set-Cookie").isEmpty(), "no cookies from the widget");
        assertTrue(widget.body().getBytes(StandardCharsets.UTF_8).length <= 10 * 1024, "at most 10 KB");
        assertTrue(widget.html().selectFirst("a.sign").attr("href").contains("/campaigns/" + campaign.slug()));
        assertEquals("_blank", widget.html().selectFirst("a.sign").attr("target"));
        assertEquals("释放囚犯", widget.html().selectFirst("a.title").text());
    }

    @Test
    void every_other_page_refuses_to_be_framed() {
        Campaign campaign = openCampaign();
        for (String path : new String[] {"/", "/campaigns/" + campaign.slug(), "/campaigns/" + campaign.slug() + "/signers"}) {
            Browser.Page page = browser().get(path);
            assertEquals("DENY", page.header("X-Frame-Options"), path);
            assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'none'"), path);
        }
    }

    @Test
    void the_badge_is_an_svg_image_of_the_count() {
        Campaign campaign = openCampaign();
        Browser.Page badge = browser().get("/badge/" + campaign.slug() + ".svg");
        assertEquals(200, badge.status());
        assertTrue(badge.header("Content-Type").startsWith("image/svg+xml"), badge.header("Content-Type"));
        assertTrue(badge.body().startsWith("<svg") && badge.body().contains(">0</text>"), badge.body());
        assertTrue(badge.response().headers().allValues("Set-Cookie").isEmpty());
        assertEquals(404, browser().get("/badge/no-such-campaign.svg").status());
    }

    // A journalist's page: live count, history, countries, and the public list as files.

    @Test
    void the_public_list_downloads_hold_public_fields_only_and_are_safe_in_a_spreadsheet() throws Exception {
        Campaign campaign = openCampaign();
        confirmed(campaign, "刘晓波", "FULL_NAME", "CN", "北京", 1);
        confirmed(campaign, "Smith, \"Jo\"", "FULL_NAME", "GB", "London", 2);
        confirmed(campaign, "=HYPERLINK(\"http://evil.example\")", "FULL_NAME", "US", "@SUM(A1)", 3);
        confirmed(campaign, "Secret Person", "HIDDEN", "HK", "Kowloon", 4);
        confirmed(campaign, "Ding Zilin", "INITIALS", "CN", null, 5);
        for (int i = 0; i < 4100; i++) {
            confirmed(campaign, "Bulk " + i, "FULL_NAME", "TW", null, 10 + i);
        }

        Browser.Page csv = browser().get("/campaigns/" + campaign.slug() + "/signers.csv");
        assertEquals(200, csv.status());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        assertTrue(csv.header("Content-Disposition").contains(campaign.slug() + "-signers.csv"));
        assertTrue(csv.body().startsWith("\uFEFFname,country,city,signed_on"), "UTF-8 byte-order mark for Excel");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv.body().substring(1))).getRecords();
        assertEquals(4105, rows.size(), "every confirmed signer, across several batches");
        assertEquals("刘晓波", rows.get(0).get("name"));
        assertEquals("北京", rows.get(0).get("city"));
        assertEquals("Smith, \"Jo\"", rows.get(1).get("name"));
        assertEquals("'=HYPERLINK(\"http://evil.example\")", rows.get(2).get("name"), "formula neutralised");
        assertEquals("'@SUM(A1)", rows.get(2).get("city"));
        assertEquals("", rows.get(3).get("name"), "hidden: no name");
        assertEquals("", rows.get(3).get("city"), "hidden: no city");
        assertEquals("HK", rows.get(3).get("country"));
        assertEquals("D. Z.", rows.get(4).get("name"));
        assertFalse(csv.body().contains("Secret Person"));
        assertFalse(csv.body().contains("@example.org"), "no email address");

        Browser.Page jsonFile = browser().get("/campaigns/" + campaign.slug() + "/signers.json");
        assertEquals(200, jsonFile.status());
        String body = jsonFile.body();
        assertTrue(body.startsWith("[{\"name\":\"刘晓波\",\"country\":\"CN\",\"city\":\"北京\",\"signedOn\":\""), body.substring(0, 100));
        assertTrue(body.endsWith("}]"));
        assertEquals(4105, body.split("\"signedOn\"", -1).length - 1, "one object per signer");
        assertTrue(body.contains("\"country\":\"HK\""), body.substring(0, 600));
        assertFalse(body.contains("Secret Person"));
    }

    /**
     * Confirmations written by the database's own clock carry microseconds, and a batch of
     * confirmations shares one time. MariaDB 10.11 announces itself as "5.5.5-10.11", and Connector/J
     * then binds times without their fraction: a cursor bound that way walked back to the start of
     * its second and gave the same signers again, without end.
     */
    @Test
    void the_downloads_give_each_signer_once_when_many_were_confirmed_within_one_second() {
        Campaign campaign = openCampaign();
        int signers = 2150; // more than one batch of the downloads (2,000)
        for (int i = 0; i < signers; i++) {
            confirmed(campaign, "Same Second " + i, "FULL_NAME", "TW", null, 0);
        }
        execute("UPDATE signature SET confirmed_at = TIMESTAMPADD(MICROSECOND, MOD(id, 97) * 10000 + 1, confirmed_at) "
                + "WHERE campaign_id = ?", campaign.id());

        // a download that repeats itself never ends: the test fails rather than waits on it
        String csv = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> browser().get("/campaigns/" + campaign.slug() + "/signers.csv").body());
        List<String> names = csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
        assertEquals(signers, names.size(), "one line per signer");
        assertEquals(signers, names.stream().distinct().count(), "no signer twice");
        String json = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> browser().get("/campaigns/" + campaign.slug() + "/signers.json").body());
        assertEquals(signers, json.split("\"signedOn\"", -1).length - 1, "one object per signer");
    }

    @Test
    void the_press_page_shows_the_live_count_history_and_countries() {
        Campaign campaign = openCampaign();
        confirmed(campaign, "A", "FULL_NAME", "CN", null, 1);
        execute("INSERT INTO count_delta (campaign_id, country, delta, created_at) VALUES (?, 'CN', 1, ?)",
                campaign.id(), Timestamp.from(Instant.now()));
        eventually(Duration.ofSeconds(3), () -> browser().get("/api/v1/campaigns/" + campaign.slug()).body()
                .contains("\"signaturesByCountry\":{\"CN\":1}"), "counted by country");

        Browser.Page page = browser().get("/campaigns/" + campaign.slug() + "/press?lang=zh");
        assertEquals(200, page.status());
        var html = page.html();
        assertEquals("1", html.selectFirst(".big-count [data-live-count]").text());
        assertTrue(html.selectFirst("figure.chart svg") != null);
        assertTrue(html.select("table.signers td").text().contains("中国"), html.select("table.signers").text());
        assertTrue(html.select("a[href$=signers.csv]").size() == 1 && html.select("a[href$=signers.json]").size() == 1);
        assertTrue(html.selectFirst("pre.code").text().contains("/embed/" + campaign.slug()));
        assertTrue(html.selectFirst("script").attr("src").startsWith("/static/live."), html.selectFirst("script").attr("src"));
    }

    private void confirmed(Campaign campaign, String name, String display, String country, String city, int second) {
        signatures(campaign).named(name).email(uniqueEmail("press")).from(country, city)
                .showing(PublicDisplay.valueOf(display)).at(Instant.parse("2026-03-13T10:00:00Z").plusSeconds(second))
                .confirmed();
    }
}
