package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.kernel.web.HostCookies;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.HeadlessChromium;
import org.cfcr.petitions.support.PageChecks;
import org.cfcr.petitions.support.BrowserJourney;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Supporters sign in headless Chromium in English, Simplified and Traditional Chinese, on a phone
 * and on a desktop: the campaign page, the form, the email from the SMTP server, the confirmation,
 * and the count that changes. Every page they see is checked with axe-core's WCAG 2.2 AA rules and
 * photographed into target/screenshots/ (page-script-width.png), for people to look at.
 */
@MicronautTest(transactional = false)
class SupportersSignInEveryScript extends BrowserJourney {

    @Inject
    Leads leads;

    private static final Map<String, int[]> WINDOWS = new LinkedHashMap<>();
    /** A signer's name, and a word their email must have, in each script. */
    private static final Map<String, String[]> SIGNERS = new LinkedHashMap<>();

    static {
        WINDOWS.put("phone", new int[] {390, 844});
        WINDOWS.put("desktop", new int[] {1280, 900});
        SIGNERS.put("en", new String[] {"Amy Lee", "Confirm"});
        SIGNERS.put("zh", new String[] {"李明", "确认"});
        SIGNERS.put("zh-Hant", new String[] {"陳大文", "確認"});
    }

    @Test
    void a_supporter_signs_confirms_and_sees_the_count_change_in_each_script_on_a_phone_and_a_desktop() {
        Campaign campaign = coalitionCampaign(20);
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, int[]> window : WINDOWS.entrySet()) {
            ChromeDriver chrome = HeadlessChromium.start(window.getValue()[0], window.getValue()[1]);
            try {
                for (Map.Entry<String, String[]> signer : SIGNERS.entrySet()) {
                    String lang = signer.getKey();
                    String tag = lang + "-" + window.getKey();
                    chrome.manage().deleteAllCookies();
                    look(chrome, "/?lang=" + lang, "home-" + tag, violations);
                    if (lang.equals("en") && window.getKey().equals("phone")) {
                        look(chrome, "/campaigns/" + campaign.slug(), "campaign-empty-" + tag, violations);
                    }
                    TestMailServer.Mail mail = signAndConfirm(chrome, campaign, lang, signer.getValue(), tag, violations);
                    String name = signer.getValue()[0];
                    eventually(Duration.ofSeconds(10), () -> {
                        chrome.get(origin + "/campaigns/" + campaign.slug() + "/signers");
                        return chrome.getPageSource().contains(name);
                    }, "the signer is listed by the name they chose");
                    check(chrome, "signers-" + tag, violations);
                    look(chrome, "/campaigns/" + campaign.slug() + "/press", "press-" + tag, violations);
                    look(chrome, "/campaigns/" + campaign.slug() + "/qr", "qr-" + tag, violations);
                    // the other pages a visitor may meet, only looked at: pressing remove would take the signature back
                    look(chrome, URI.create(withdrawLink(mail)).getPath(), "withdraw-" + tag, violations);
                    look(chrome, "/embed/" + campaign.slug() + "?lang=" + lang, "embed-" + tag, violations);
                    look(chrome, "/api", "api-" + tag, violations);
                    look(chrome, "/no-such-page", "not-found-" + tag, violations);
                    look(chrome, "/admin/login", "lead-sign-in-" + tag, violations);
                }
            } finally {
                chrome.quit();
            }
        }
        assertEquals("", String.join("\n", violations), "axe-core's WCAG 2.2 AA violations");
    }

    @Test
    void a_supporter_with_javascript_off_signs_and_confirms_all_the_same() {
        Campaign campaign = coalitionCampaign();
        ChromeDriver chrome = HeadlessChromium.startWithoutJavaScript(390, 844);
        try {
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(20));
            chrome.get(origin + "/campaigns/" + campaign.slug() + "?lang=zh-Hant");
            assertFalse(chrome.findElement(By.cssSelector("[data-copy-from]")).isDisplayed(),
                    "no copy button that could not work");
            assertEquals(origin + "/campaigns/" + campaign.slug() + "?lang=zh-Hant",
                    chrome.findElement(By.id("share-url")).getAttribute("value"), "the link is there to copy by hand");
            chrome.findElement(By.cssSelector("a.sign-now")).click();
            String email = uniqueEmail("no-script");
            fillSignForm(chrome, "陳小明", email, "TW");
            sendSignForm(chrome);
            chrome.get(confirmLink(TestMailServer.awaitMessage(email)));
            chrome.findElement(By.cssSelector("form.confirm-form button[type=submit]")).click();
            awaitThanks(wait);
            awaitCount(campaign, 1);
            PageChecks.screenshot(chrome, "confirmed-without-javascript-zh-Hant-phone");
        } finally {
            chrome.quit();
        }
    }

    /** A lead's pages meet the same rules: leads may read with a screen reader or a magnifier too. */
    @Test
    void a_leads_pages_meet_the_same_accessibility_rules() {
        Campaign campaign = coalitionCampaign();
        Account admin = leads.account(Role.ADMIN);
        Browser signedIn = leads.signedIn(admin);
        List<String> violations = new ArrayList<>();
        ChromeDriver chrome = HeadlessChromium.start(1280, 900);
        try {
            chrome.get(origin + "/admin/login");
            chrome.manage().addCookie(new Cookie(HostCookies.SESSION, signedIn.cookie(HostCookies.SESSION), "/"));
            String overview = "/admin/campaigns/" + campaign.id();
            for (String lang : SIGNERS.keySet()) {
                Map<String, String> pages = new LinkedHashMap<>();
                pages.put("/admin?lang=" + lang, "lead-home");
                pages.put(overview, "lead-campaign");
                pages.put(overview + "/edit", "lead-editor");
                pages.put("/admin/campaigns/new", "lead-new-campaign");
                pages.put(overview + "/checks", "lead-checks");
                pages.put("/admin/accounts", "admin-accounts");
                pages.put("/admin/account", "lead-account");
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    look(chrome, page.getKey(), page.getValue() + "-" + lang + "-desktop", violations);
                    assertEquals(lang, chrome.findElement(By.tagName("html")).getAttribute("lang"), page.getKey());
                }
            }
        } finally {
            chrome.quit();
        }
        assertEquals("", String.join("\n", violations), "axe-core's WCAG 2.2 AA violations");
    }

    /** The check itself is checked: a page with faults that axe-core is known to find must fail it. */
    @Test
    void the_accessibility_check_finds_what_it_is_meant_to_find() {
        ChromeDriver chrome = HeadlessChromium.start(390, 844);
        try {
            chrome.get("data:text/html;charset=utf-8,<html><body><img src='x.png'><input type='text'>"
                    + "<p style='color:%23bbb;background:%23fff'>faint</p></body></html>");
            String found = PageChecks.accessibilityViolations(chrome);
            for (String rule : List.of("html-has-lang", "image-alt", "label", "color-contrast")) {
                assertTrue(found.contains(rule), rule + " is found: " + found);
            }
        } finally {
            chrome.quit();
        }
    }

    private TestMailServer.Mail signAndConfirm(ChromeDriver chrome, Campaign campaign, String lang, String[] signer,
                                               String tag, List<String> violations) {
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(20));
        long before = countOf(campaign);
        look(chrome, "/campaigns/" + campaign.slug(), "campaign-" + tag, violations);
        assertEquals(lang, chrome.findElement(By.tagName("html")).getAttribute("lang"));
        int[] window = {((Number) chrome.executeScript("return window.innerWidth")).intValue(),
                ((Number) chrome.executeScript("return window.innerHeight")).intValue()};
        boolean phone = window[0] < 600;
        assertEquals(phone, chrome.findElement(By.cssSelector("a.sign-now")).isDisplayed(),
                "a sign button leads to the form on a phone; beside the text on a desktop the form needs none");
        if (phone) {
            chrome.findElement(By.cssSelector("a.sign-now")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
        }
        String email = uniqueEmail("script-" + tag);
        fillSignForm(chrome, signer[0], email, "HK");
        chrome.findElement(By.cssSelector("input[name=publicDisplay][value=FULL_NAME]")).click();
        sendSignForm(chrome);
        check(chrome, "check-email-" + tag, violations);

        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        assertTrue(mail.subject().contains(signer[1]) || mail.text().contains(signer[1]),
                "the email is in the script the supporter read: " + mail.subject());
        // the campaign page stays open in one tab while the email's link is opened in another
        chrome.get(origin + "/campaigns/" + campaign.slug());
        String campaignTab = chrome.getWindowHandle();
        chrome.switchTo().newWindow(WindowType.TAB);
        HeadlessChromium.emulate(chrome, window[0], window[1]);
        chrome.get(confirmLink(mail));
        check(chrome, "confirm-" + tag, violations);
        assertEquals(lang, chrome.findElement(By.tagName("html")).getAttribute("lang"));
        chrome.findElement(By.cssSelector("form.confirm-form button[type=submit]")).click();
        awaitThanks(wait);
        check(chrome, "confirmed-" + tag, violations);
        chrome.close();
        chrome.switchTo().window(campaignTab);

        String expected = Long.toString(before + 1);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-live-count]"), expected));
        assertEquals((before + 1) * 100 / campaign.goal(), percentShown(chrome), "the live count moves the words of the bar too");
        chrome.navigate().refresh();
        assertEquals(expected, chrome.findElement(By.cssSelector("[data-live-count]")).getText(),
                "a page loaded afresh shows the count with this signature");
        assertFalse(chrome.getPageSource().contains(email), "the email address is on no page");
        return mail;
    }

    /** The share of the goal the page states in words (the live count rewrites it). */
    private static int percentShown(ChromeDriver chrome) {
        String words = chrome.findElement(By.cssSelector("[data-live-percent]")).getText();
        return Integer.parseInt(words.replaceAll("\\D", ""));
    }

    private void look(ChromeDriver chrome, String path, String name, List<String> violations) {
        chrome.get(origin + path);
        check(chrome, name, violations);
    }

    private static void check(ChromeDriver chrome, String name, List<String> violations) {
        PageChecks.screenshot(chrome, name);
        String found = PageChecks.accessibilityViolations(chrome);
        if (!found.isEmpty()) {
            violations.add(name + " (" + chrome.getCurrentUrl() + "):\n" + found);
        }
    }

    /**
     * The thank-you page the confirm button leads to (post/redirect/get to {@code ?done=1}). The URL is
     * waited for first: looking for the form while the click's navigation replaces the document made
     * Chrome answer "Node with given id does not belong to the document", which no wait ignores.
     */
    private static void awaitThanks(WebDriverWait wait) {
        wait.until(ExpectedConditions.urlContains("done=1"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form.confirm-form")));
    }
}
