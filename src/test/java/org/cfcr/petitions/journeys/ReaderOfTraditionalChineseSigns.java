package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readers of Traditional Chinese (Hong Kong, Macau, Taiwan, much of the diaspora) get pages and
 * emails in their script, from their browser's language or the switch; a lead writes a campaign's
 * Traditional text, or starts from the Simplified one converted.
 */
@MicronautTest(transactional = false)
class ReaderOfTraditionalChineseSigns extends ServiceTest {

    @Inject
    Leads leads;

    @Test
    void browsers_in_hong_kong_taiwan_and_macau_read_traditional_and_the_mainland_simplified() {
        Campaign campaign = openCampaign();
        for (String header : List.of("zh-HK", "zh-TW,zh;q=0.9", "zh-MO", "zh-Hant", "fr-FR, zh-Hant-TW;q=0.5")) {
            Document page = browser().acceptLanguage(header).get("/campaigns/" + campaign.slug()).html();
            assertEquals("zh-Hant", page.selectFirst("html").attr("lang"), header);
            assertEquals("釋放囚犯", page.selectFirst("h1").text(), header + ": the campaign's Simplified title converted");
            assertTrue(page.selectFirst("#sign-heading").text().contains("簽名"), header);
        }
        for (String header : List.of("zh-CN", "zh", "zh-Hans-SG", "zh-SG,en;q=0.5")) {
            Document page = browser().acceptLanguage(header).get("/campaigns/" + campaign.slug()).html();
            assertEquals("zh", page.selectFirst("html").attr("lang"), header);
            assertEquals("释放囚犯", page.selectFirst("h1").text(), header);
        }
    }

    @Test
    void the_script_chosen_is_remembered_and_each_other_language_is_one_link_away() {
        Campaign campaign = openCampaign();
        Browser reader = browser().acceptLanguage("zh-CN");
        Document chosen = reader.get("/campaigns/" + campaign.slug() + "?lang=zh-Hant").html();
        assertEquals("zh-Hant", chosen.selectFirst("html").attr("lang"));
        assertEquals(List.of("?lang=en", "?lang=zh"), chosen.select("a.lang-switch").eachAttr("href"));
        assertEquals(List.of("English", "简体中文"), chosen.select("a.lang-switch").eachText());
        assertEquals(List.of("en", "zh"), chosen.select("a.lang-switch").eachAttr("hreflang"));
        assertEquals("zh-Hant", reader.get("/").html().selectFirst("html").attr("lang"), "the choice outlives the page");
        assertEquals("zh-Hant", reader.get("/campaigns/" + campaign.slug() + "/signers").html().selectFirst("html").attr("lang"));
    }

    @Test
    void a_signer_who_reads_traditional_gets_the_email_in_traditional() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("hong-kong");
        browser().acceptLanguage("zh-HK").sign(campaign.slug(), signer("陳大文", email));
        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        assertTrue(mail.subject().contains("釋放囚犯") || mail.text().contains("釋放囚犯"), mail.subject());
        assertTrue(mail.text().contains("確認"), mail.text());
        assertFalse(mail.text().contains("确认"), "no Simplified wording: " + mail.text());
        assertEquals("zh-Hant", queryString("SELECT lang FROM signature WHERE campaign_id = ?", campaign.id()));
    }

    @Test
    void the_api_answers_in_traditional_when_asked() {
        Campaign campaign = openCampaign();
        Browser.Page answer = browser().get("/api/v1/campaigns/" + campaign.slug() + "?lang=zh-Hant");
        assertEquals(200, answer.status());
        assertTrue(answer.body().contains("\"title\":\"釋放囚犯\""), answer.body());
        Browser.Page signed = browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"陳大文\",\"email\":\"" + uniqueEmail("api-hant") + "\",\"country\":\"TW\","
                        + "\"publicDisplay\":\"INITIALS\",\"lang\":\"zh-Hant\"}");
        assertEquals(202, signed.status(), signed.body());
        Browser.Page refused = browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"A\",\"email\":\"" + uniqueEmail("api-klingon") + "\",\"country\":\"TW\","
                        + "\"publicDisplay\":\"INITIALS\",\"lang\":\"tlh\"}");
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("zh-Hant"), "the message names the languages there are: " + refused.body());
    }

    @Test
    void a_lead_writes_the_traditional_text_or_starts_from_the_simplified_converted() {
        Browser browser = leads.signedIn(leads.account(Role.LEAD));
        String slug = "hant-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = Leads.campaignForm(slug);

        Browser.Page drafted = Leads.submit(browser, "/admin/campaigns/new", "/admin/campaigns/new/traditional-draft", form);
        assertEquals(200, drafted.status(), drafted.body());
        assertEquals("政府官員必須申報財產", drafted.html().selectFirst("#titleZhHant").val());
        assertEquals("立即實行陽光法案。", drafted.html().selectFirst("#summaryZhHant").text());
        assertTrue(campaigns.findBySlug(slug).isEmpty(), "a draft is nothing saved");

        form.put("titleZhHant", "官員財產申報，刻不容緩");
        String path = create(browser, form);
        Campaign saved = campaigns.findBySlug(slug).orElseThrow();
        assertEquals("官員財產申報，刻不容緩", saved.titleZhHant());
        assertNull(saved.summaryZhHant(), "a Traditional field left empty is none");

        assertEquals(303, Leads.submit(browser, path, path + "/state", Map.of("target", "OPEN")).status());
        Document page = browser().get("/campaigns/" + slug + "?lang=zh-Hant").html();
        assertEquals("官員財產申報，刻不容緩", page.selectFirst("h1").text(), "the lead's own Traditional title");
        assertEquals("立即實行陽光法案。", page.selectFirst("p.lead").text(), "the Simplified summary, converted");
        assertEquals("政府官员必须申报财产", browser().get("/campaigns/" + slug + "?lang=zh").html().selectFirst("h1").text());
    }

    @Test
    void a_lead_who_changes_the_simplified_text_is_asked_about_the_traditional_one_they_wrote() {
        Browser browser = leads.signedIn(leads.account(Role.LEAD));
        String slug = "drift-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = Leads.campaignForm(slug);
        form.put("titleZhHant", "政府官員必須申報財產");
        String path = create(browser, form);

        form.put("titleZh", "官员必须公开财产");
        Browser.Page refused = Leads.submit(browser, path + "/edit", path + "/edit", form);
        assertEquals(422, refused.status(), "readers of the two scripts would sign different words");
        assertTrue(refused.html().selectFirst("#titleZhHant").parent().text().contains("Traditional"), refused.body());
        assertEquals("政府官员必须申报财产", campaigns.findBySlug(slug).orElseThrow().titleZh(), "nothing saved");

        Map<String, String> checked = new java.util.HashMap<>(form);
        checked.put("traditionalChecked", "on");
        assertEquals(303, Leads.submit(browser, path + "/edit", path + "/edit", checked).status(),
                "the lead says the Traditional text still holds");
        form.put("titleZh", "官员必须马上公开财产");
        form.put("titleZhHant", "");
        assertEquals(303, Leads.submit(browser, path + "/edit", path + "/edit", form).status(), "or empties it");
        assertEquals("官員必須馬上公開財產", campaigns.findBySlug(slug).orElseThrow().title(org.cfcr.petitions.kernel.i18n.Lang.ZH_HANT));
    }

    /** Saves a new campaign through the editor, as its lead; returns its address in the lead's pages. */
    private static String create(Browser lead, Map<String, String> form) {
        Browser.Page created = Leads.submit(lead, "/admin/campaigns/new", "/admin/campaigns", form);
        assertEquals(303, created.status(), created.body());
        return URI.create(created.location()).getPath();
    }
}
