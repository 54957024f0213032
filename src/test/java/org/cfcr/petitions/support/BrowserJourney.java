package org.cfcr.petitions.support;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

/**
 * A journey in a real browser: the service listens on a port of its own, and its public address is
 * the one the browser opens, since the sign form is taken only from a page of the service's own origin.
 */
public abstract class BrowserJourney extends ServiceTest {

    /** Fills the sign form of the campaign page the browser shows, as a supporter types it. */
    protected static void fillSignForm(ChromeDriver chrome, String name, String email, String country) {
        chrome.findElement(By.id("name")).sendKeys(name);
        chrome.findElement(By.id("email")).sendKeys(email);
        new Select(chrome.findElement(By.id("country"))).selectByValue(country);
    }

    /** Sends the filled sign form and waits for the check-your-email page it leads to. */
    protected static void sendSignForm(ChromeDriver chrome) {
        chrome.findElement(By.cssSelector("form.sign-form button[type=submit]")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/check-email"));
    }

    protected final int port = freePort();
    /** The service's address as the browser opens it (localhost, where Chromium allows what a secure site may). */
    protected final String origin = "http://localhost:" + port;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", Integer.toString(port), "petitions.site.public-base-url", origin);
    }
}
