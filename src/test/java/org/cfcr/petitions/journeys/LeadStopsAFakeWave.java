package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.cfcr.petitions.support.Leads.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lead's story against a fake wave: finding it on the checks page, invalidating it after a preview, undoing it, and
 * releasing what the automatic checks held.
 */
@MicronautTest(transactional = false)
class LeadStopsAFakeWave extends ServiceTest {

    @Inject
    Leads leads;

    // A lead finds a fake wave on the checks page, invalidates it after a preview, and undoes it.

    @Test
    void a_lead_finds_a_wave_from_one_address_invalidates_it_and_undoes_it() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        for (int i = 0; i < 6; i++) {
            String email = "fake" + i + "@wave-" + i + ".example";
            signJson(browser().from("198.51.100.7"), campaign, email);
            confirmAs(email);
        }
        for (String address : new String[]{"203.0.113.1", "2001:db8:1:2::3"}) {
            String email = uniqueEmail("real");
            signJson(browser().from(address), campaign, email);
            confirmAs(email);
        }
        awaitCount(campaign, 8);

        Browser browser = leads.signedIn(lead);
        String checks = "/admin/campaigns/" + campaign.id() + "/checks";
        Document page = browser.get(checks).html();
        Element busiest = page.selectFirst("#sources table tr:nth-child(2)");
        assertNotNull(busiest, page.outerHtml());
        assertTrue(busiest.text().contains("198.51.100.0/24"), busiest.text());
        assertTrue(busiest.text().contains("6"), busiest.text());
        assertTrue(!page.outerHtml().contains("198.51.100.7"), "the full address is not kept, so never shown");

        Browser.Page preview = browser.get(busiest.selectFirst("a").attr("href"));
        assertEquals(200, preview.status(), preview.body());
        String result = preview.html().selectFirst(".preview-box").text();
        assertTrue(result.startsWith("6 signatures match: 6 counted now"), result);
        assertEquals(8, countOf(campaign), "a preview changes nothing");

        Element confirm = preview.html().selectFirst(".preview-box form");
        Map<String, String> fields = new HashMap<>();
        confirm.select("input[type=hidden]").forEach(input -> fields.put(input.attr("name"), input.attr("value")));
        Browser.Page done = browser.postForm(confirm.attr("action"), fields);
        assertEquals(303, done.status(), done.body());
        awaitCount(campaign, 2);
        String list = browser().get("/api/v1/campaigns/" + campaign.slug() + "/signers").body();
        assertTrue(list.contains("\"total\":2"), list);
        assertEquals(6, queryLong("SELECT matched FROM invalidation WHERE campaign_id = ?", campaign.id()));
        assertTrue(queryLong("SELECT COUNT(*) FROM audit_event WHERE campaign_id = ? AND action = 'signatures.invalidated'",
                campaign.id()) == 1);

        Browser.Page undone = submit(browser, checks, browser.get(checks).html()
                .selectFirst("#invalidations form").attr("action"), Map.of());
        assertEquals(303, undone.status(), undone.body());
        awaitCount(campaign, 8);
        assertTrue(browser.get(checks).html().selectFirst("#invalidations").text().contains("Undone by " + lead.email()));
    }

    @Test
    void invalidating_by_range_domain_pattern_and_country_previews_what_matches() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        String[][] signers = {
                {"198.51.100.20", "a@catchall.example"}, {"198.51.100.21", "b@catchall.example"},
                {"198.51.101.5", "bot7@other.example"}, {"2001:db8:77::1", uniqueEmail("v6")}};
        for (String[] s : signers) {
            signJson(browser().from(s[0]), campaign, s[1]);
        }
        confirmAs("a@catchall.example");
        Browser browser = leads.signedIn(lead);
        String checks = "/admin/campaigns/" + campaign.id() + "/checks";
        assertEquals("3 signatures match: 1 counted now, 2 waiting for confirmation, 0 held back.",
                previewText(browser, checks + "?address=198.51.100.0/23"));
        assertEquals("2 signatures match: 1 counted now, 1 waiting for confirmation, 0 held back.",
                previewText(browser, checks + "?domain=catchall.example"));
        assertEquals("1 signatures match: 0 counted now, 1 waiting for confirmation, 0 held back.",
                previewText(browser, checks + "?email=bot*@*"));
        assertEquals("1 signatures match: 0 counted now, 1 waiting for confirmation, 0 held back.",
                previewText(browser, checks + "?address=2001:db8:77::/48"));
        assertEquals("1 signatures match: 0 counted now, 1 waiting for confirmation, 0 held back.",
                previewText(browser, checks + "?address=198.51.100.21"));
        assertEquals("4 signatures match: 1 counted now, 3 waiting for confirmation, 0 held back.",
                previewText(browser, checks + "?country=hk"));

        Map<String, String> refused = Map.of(
                "?address=198.51.100.0/28", "Only the /24",
                "?address=my-house", "Write an address",
                "?from=2026-11-28+09:00", "A time window alone",
                "?domain=%3Cscript%3E", "Write a domain",
                "?country=ZZ", "two-letter country",
                "?from=2026-11-28+10:00&to=2026-11-28+09:00&country=CN", "The end must come after");
        refused.forEach((query, message) -> {
            Browser.Page page = browser.get(checks + query);
            assertEquals(422, page.status(), query);
            assertTrue(page.html().select(".error").text().contains(message), query + ": " + page.html().select(".error").text());
        });
    }

    @Test
    void a_lead_releases_what_the_automatic_checks_held() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        for (int i = 0; i < 2; i++) {
            String email = "member" + i + "@held.example";
            signJson(browser().from("203.0.113." + (10 + i)), campaign, email);
            assertTrue(confirmAs(email).contains("checked by the campaign team"));
        }
        awaitCount(campaign, 0);
        Browser browser = leads.signedIn(lead);
        String checks = "/admin/campaigns/" + campaign.id() + "/checks";
        assertTrue(browser.get(checks).html().selectFirst("#held").text().contains("On a block list"));
        Browser.Page released = submit(browser, checks, checks + "/release", Map.of("rule", "BLOCKED"));
        assertEquals(303, released.status(), released.body());
        awaitCount(campaign, 2);
        assertEquals(422, submit(browser, checks, checks + "/release", Map.of("rule", "EVERYTHING")).status());
    }

    @Test
    void another_campaigns_checks_are_not_found() {
        Campaign mine = openCampaign();
        Campaign theirs = openCampaign();
        Browser browser = leads.signedIn(leads.leadOf(mine));
        assertEquals(200, browser.get("/admin/campaigns/" + mine.id() + "/checks").status());
        assertEquals(404, browser.get("/admin/campaigns/" + theirs.id() + "/checks").status());
        assertEquals(404, browser.get("/admin/campaigns/" + theirs.id() + "/checks?domain=x.example").status());
    }

    private static String previewText(Browser browser, String url) {
        Browser.Page page = browser.get(url);
        assertEquals(200, page.status(), url + ": " + page.body());
        return page.html().selectFirst(".preview-box p").text();
    }
}
