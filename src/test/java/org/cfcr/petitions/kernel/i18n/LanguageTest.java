package org.cfcr.petitions.kernel.i18n;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class LanguageTest extends ServiceTest {

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
        assertEquals("private, no-store", home.header("Cache-Control"), "pages carry a per-browser CSRF token");
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
        assertTrue(inChinese.text().contains("释放囚犯") && inChinese.text().contains("刘晓波"), inChinese.text());
        assertTrue(inChinese.html().contains("释放囚犯"), inChinese.html());
        TestMailServer.Mail inEnglish = TestMailServer.awaitMessage(english);
        assertTrue(inEnglish.text().contains("Release the prisoners") && inEnglish.text().contains("刘晓波"),
                inEnglish.text());
        assertTrue(confirmLink(inEnglish).startsWith("http://petitions.test/confirm/"));
    }
}
