package org.cfcr.petitions.kernel.web;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.screening.CampaignChallenges;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.cfcr.petitions.update.UnsubscribeLinks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loads every public page in headless Chromium (Debian's {@code chromium}) and fails if the page
 * made any request to another origin: no CDN, font, analytics or captcha may see our visitors.
 * Chromium's network log tells the page's own requests (made for the page's site) from the
 * browser's background traffic, which is left out. Runs wherever chromium is installed; in CI it
 * must be (CI=true), so a missing browser fails there rather than skipping.
 */
@MicronautTest(transactional = false)
class NoThirdPartyRequestsTest extends ServiceTest {

    private static final Pattern WITHDRAW_LINK = Pattern.compile("https?://\\S+/withdraw/[A-Za-z0-9_-]+");

    @Inject
    JsonMapper json;

    @Inject
    CampaignChallenges challenges;

    @Inject
    UnsubscribeLinks unsubscribeLinks;

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
        Matcher withdraw = WITHDRAW_LINK.matcher(mail.text());
        assertTrue(withdraw.find(), mail.text());
        confirmAs(email);
        long signatureId = queryLong("SELECT id FROM signature WHERE campaign_id = ?", campaign.id());

        String slug = campaign.slug();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", "Coalition");
        pages.put("/?lang=zh", "联署");
        pages.put("/campaigns/" + slug, "Release the prisoners");
        pages.put("/campaigns/" + slug + "?lang=zh", "释放囚犯");
        pages.put("/campaigns/" + flooded.slug(), "short calculation");
        pages.put("/campaigns/" + slug + "/check-email", "email");
        pages.put("/campaigns/" + slug + "/signers", "Test Signer".substring(0, 1));
        pages.put("/campaigns/" + slug + "/press", "Release the prisoners");
        pages.put("/embed/" + slug, "Release the prisoners");
        pages.put("/api", "API");
        pages.put(confirm, "");
        pages.put(URI.create(withdraw.group()).getPath(), "");
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
}
