package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.HeadlessChromium;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.BrowserJourney;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new lead sets up a passkey and signs in with it, in headless Chromium with a virtual
 * authenticator (a platform passkey that says yes when asked): the page's script asks the browser,
 * the browser answers the service's challenge, webauthn4j checks the answer. Served at
 * http://localhost, the origin a passkey can be made for without TLS.
 */
@MicronautTest(transactional = false)
class LeadSignsInWithAPasskey extends BrowserJourney {

    @Inject
    Leads leads;

    @Test
    void a_lead_sets_up_a_passkey_and_signs_in_with_it() {
        Account lead = leads.accountWithoutSecondFactor(Role.LEAD);
        ChromeDriver chrome = HeadlessChromium.start(390, 844);
        try {
            VirtualAuthenticator authenticator = chrome.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                    .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                    .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                    .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(20));

            signInWithPassword(chrome, lead);
            wait.until(ExpectedConditions.urlToBe(origin + "/admin/account/second-factors"));
            chrome.findElement(By.id("passkey-label")).sendKeys("phone");
            chrome.findElement(By.cssSelector("form[data-passkey=create] button")).click();
            WebElement codes = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ul.recovery-codes")));
            assertEquals(10, codes.findElements(By.tagName("li")).size());
            assertTrue(chrome.getPageSource().contains("Your passkey is added"));
            assertEquals(1, authenticator.getCredentials().size());
            assertEquals(1, queryLong("SELECT COUNT(*) FROM account_factor WHERE account_id = ? AND kind = 'PASSKEY'", lead.id()));

            chrome.findElement(By.cssSelector("nav form[action='/admin/logout'] button")).click();
            wait.until(ExpectedConditions.urlContains("/admin/login"));
            signInWithPassword(chrome, lead);
            wait.until(ExpectedConditions.urlContains("/admin/login/second-factor"));
            chrome.findElement(By.cssSelector("form[data-passkey=get] button")).click();
            wait.until(ExpectedConditions.urlToBe(origin + "/admin"));
            assertTrue(chrome.findElement(By.tagName("h1")).isDisplayed());
            assertEquals(1, queryLong("SELECT COUNT(*) FROM account_factor WHERE account_id = ? AND kind = 'PASSKEY' "
                    + "AND last_used_at IS NOT NULL", lead.id()));

            // an answer caught on its way (a proxy, a log) opens nothing more: not in another session
            // that gave the password, and not twice in its own
            chrome.findElement(By.cssSelector("nav form[action='/admin/logout'] button")).click();
            wait.until(ExpectedConditions.urlContains("/admin/login"));
            signInWithPassword(chrome, lead);
            wait.until(ExpectedConditions.urlContains("/admin/login/second-factor"));
            chrome.executeScript("HTMLFormElement.prototype.submit = function () {"
                    + " window.caught = this.querySelector('input[name=credential]').value; };");
            chrome.findElement(By.cssSelector("form[data-passkey=get] button")).click();
            String answer = (String) wait.until(driver -> chrome.executeScript("return window.caught || null;"));
            String csrf = chrome.findElement(By.cssSelector("form[data-passkey=get] input[name=csrfToken]")).getAttribute("value");
            Browser thief = new Browser("http://127.0.0.1:" + port);
            thief.get("/admin/login");
            Browser.Page thiefs = thief.postFormFrom("/admin/login", "/admin/login", Map.of("email", lead.email(),
                    "password", Leads.PASSWORD, "next", "/admin"));
            assertEquals(303, thiefs.status());
            assertEquals(401, thief.postFormFrom("/admin/login/second-factor", "/admin/login/second-factor",
                    Map.of("credential", answer, "next", "/admin")).status());
            String cookies = chrome.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(java.util.stream.Collectors.joining("; "));
            assertEquals(303, postWithCookies(cookies, Map.of("csrfToken", csrf, "credential", answer, "next", "/admin")));
            assertEquals(401, postWithCookies(cookies, Map.of("csrfToken", csrf, "credential", answer, "next", "/admin")));
        } finally {
            chrome.quit();
        }
    }

    private void signInWithPassword(ChromeDriver chrome, Account account) {
        chrome.get(origin + "/admin/login");
        chrome.findElement(By.id("email")).sendKeys(account.email());
        chrome.findElement(By.id("password")).sendKeys(Leads.PASSWORD);
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    private int postWithCookies(String cookies, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create(origin + "/admin/login/second-factor"))
                            .header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
