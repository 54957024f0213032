package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.HeadlessChromium;
import org.cfcr.petitions.support.BrowserJourney;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A supporter signs through the campaign page in headless Chromium. The page is the one a shared
 * cache keeps, with no token of the browser's: what lets the form through is what a real browser
 * says of where it was sent from, so this is checked with a real browser and not only with
 * headers a test writes.
 */
@MicronautTest(transactional = false)
class SupporterSignsInABrowser extends BrowserJourney {


    @Test
    void the_sign_form_of_the_shared_page_is_taken_from_a_real_browser_in_either_language() {
        Campaign campaign = openCampaign();
        ChromeDriver chrome = HeadlessChromium.start(390, 844);
        try {
            for (String lang : new String[] {"en", "zh"}) {
                chrome.manage().deleteAllCookies();
                chrome.get(origin + "/campaigns/" + campaign.slug() + "?lang=" + lang);
                fillSignForm(chrome, "Browser Signer " + lang, uniqueEmail("browser-" + lang), "HK");
                sendSignForm(chrome);
                assertEquals(lang, chrome.findElement(By.tagName("html")).getAttribute("lang"));
            }
            assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
            assertTrue(chrome.manage().getCookieNamed("csrf") == null, "no CSRF cookie was needed to sign");
        } finally {
            chrome.quit();
        }
    }

}
