package org.cfcr.petitions.admin;

import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.Browser;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@io.micronaut.test.extensions.junit5.annotation.MicronautTest(transactional = false)
class CampaignManagementTest extends AdminTest {

    private static Map<String, String> texts(String slug) {
        Map<String, String> form = new HashMap<>();
        form.put("slug", slug);
        form.put("goal", "5000");
        form.put("deadline", "");
        form.put("titleEn", "Officials Must Report Their Assets");
        form.put("titleZh", "政府官员必须申报财产");
        form.put("targetEn", "The National People's Congress");
        form.put("targetZh", "全国人民代表大会");
        form.put("summaryEn", "Sunshine laws now.");
        form.put("summaryZh", "立即实行阳光法案。");
        form.put("bodyEn", "First paragraph.\r\n\r\nSecond paragraph with <script>alert(1)</script>.");
        form.put("bodyZh", "第一段。\n\n第二段。");
        return form;
    }

    @Test
    void a_lead_writes_publishes_and_closes_acampaign_and_every_step_is_recorded() {
        Account lead = account(Role.LEAD);
        Browser browser = signedIn(lead);
        String slug = "assets-" + UUID.randomUUID().toString().substring(0, 8);

        // a draft with the Chinese text missing can be saved, but not published
        Map<String, String> draft = texts(slug);
        draft.put("bodyZh", "");
        Browser.Page created = submit(browser, "/admin/campaigns/new", "/admin/campaigns", draft);
        assertEquals(303, created.status(), created.body());
        String path = URI.create(created.location()).getPath();
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        assertEquals(CampaignState.DRAFT, campaigns.findById(id).orElseThrow().state());
        assertEquals(404, browser().get("/campaigns/" + slug).status(), "a draft is not public");

        Browser.Page refused = submit(browser, path, path + "/state", Map.of("target", "OPEN"));
        assertEquals(409, refused.status());
        assertTrue(refused.body().contains("both languages"), refused.body());

        Browser.Page edited = submit(browser, path + "/edit", path + "/edit", texts(slug));
        assertEquals(303, edited.status(), edited.body());
        Browser.Page preview = browser.get(path + "/preview?lang=zh");
        assertEquals(200, preview.status());
        assertTrue(preview.body().contains("政府官员必须申报财产"));
        assertTrue(preview.body().contains("&lt;script&gt;") || browser.get(path + "/preview?lang=en").body().contains("&lt;script&gt;"));

        assertEquals(303, submit(browser, path, path + "/state", Map.of("target", "OPEN")).status());
        eventually(Duration.ofSeconds(5), () -> browser().get("/campaigns/" + slug).status() == 200, "public once open");

        Browser.Page backToDraft = submit(browser, path, path + "/state", Map.of("target", "DRAFT"));
        assertEquals(409, backToDraft.status());
        assertTrue(backToDraft.body().contains("cannot go back to draft"), backToDraft.body());

        assertEquals(303, submit(browser, path, path + "/state", Map.of("target", "CLOSED")).status());
        assertEquals(CampaignState.CLOSED, campaigns.findById(id).orElseThrow().state());

        // the slug of a published campaign stays what it was
        Map<String, String> renamed = texts("another-address");
        renamed.put("goal", "9000");
        assertEquals(303, submit(browser, path + "/edit", path + "/edit", renamed).status());
        Campaign after = campaigns.findById(id).orElseThrow();
        assertEquals(slug, after.slug());
        assertEquals(9000, after.goal());

        String history = browser.get(path).body();
        for (String action : new String[]{"campaign.created", "campaign.edited", "campaign.state"}) {
            assertTrue(history.contains(action), action);
        }
        assertEquals(1, queryLong("SELECT COUNT(*) FROM audit_event WHERE campaign_id = ? AND action = 'campaign.edited' "
                + "AND detail LIKE '%goal: 5000 → 9000%' AND account_id = ?", id, lead.id()));
        assertEquals(2, queryLong("SELECT COUNT(*) FROM audit_event WHERE campaign_id = ? AND action = 'campaign.state'", id), "published, then closed");
    }

    @Test
    void invalid_input_is_explained_and_nothing_is_stored() {
        Browser browser = signedIn(account(Role.LEAD));
        Map<String, String> form = texts("Not A Slug!");
        form.put("goal", "-3");
        form.put("deadline", "next tuesday");
        form.put("titleEn", "x".repeat(201));
        Browser.Page page = submit(browser, "/admin/campaigns/new", "/admin/campaigns", form);
        assertEquals(422, page.status());
        assertTrue(page.body().contains("lower-case letters"));
        assertTrue(page.body().contains("between 1 and 100,000,000"));
        assertTrue(page.body().contains("2027-06-30 23:59"));
        assertTrue(page.body().contains("too long"));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM campaign WHERE slug = 'Not A Slug!'"));
    }

    @Test
    void a_campaign_closes_by_itself_at_its_deadline() {
        Campaign campaign = campaign(CampaignState.OPEN, Instant.now().plusSeconds(1), null);
        eventually(Duration.ofSeconds(60), () -> campaigns.findById(campaign.id()).orElseThrow().state() == CampaignState.CLOSED,
                "closed by the deadline job");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM audit_event WHERE campaign_id = ? AND detail LIKE '%deadline reached%'",
                campaign.id()));
    }

    @Test
    void an_admin_creates_alead_who_can_change_their_password() {
        Browser admin = signedIn(account(Role.ADMIN));
        String email = uniqueEmail("newlead");
        Browser.Page weak = submit(admin, "/admin/accounts", "/admin/accounts",
                Map.of("email", email, "name", "New Lead", "password", "short", "role", "LEAD"));
        assertEquals(422, weak.status());
        assertTrue(weak.body().contains("at least 12 characters"));
        assertEquals(303, submit(admin, "/admin/accounts", "/admin/accounts",
                Map.of("email", email, "name", "New Lead", "password", PASSWORD, "role", "LEAD")).status());

        Account lead = accounts.list().stream().filter(a -> a.email().equals(email)).findFirst().orElseThrow();
        Browser browser = signedIn(lead);
        Browser other = signedIn(lead);
        Browser.Page changed = submit(browser, "/admin/account", "/admin/account/password",
                Map.of("current", PASSWORD, "password", "an even longer passphrase", "repeat", "an even longer passphrase"));
        assertEquals(200, changed.status(), changed.body());
        assertTrue(changed.body().contains("Your password is changed"));
        assertEquals(200, browser.get("/admin").status(), "this session goes on");
        assertEquals(303, other.get("/admin").status(), "other sessions end");
    }
}
