package org.cfcr.petitions.support;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.account.factor.RecoveryCodes;
import org.cfcr.petitions.account.factor.SecondFactors;
import org.cfcr.petitions.campaign.Campaign;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The campaign team in a journey: accounts, signing in, the admin forms, the API with a token. */
@Singleton
public final class Leads {

    public static final String PASSWORD = "a long enough passphrase";

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Accounts accounts;
    private final SecondFactors factors;
    private final RecoveryCodes recoveryCodes;
    private final EmbeddedServer server;
    /** The authenticator-app secret of each account made here, so a test can compute its codes. */
    private final Map<Long, byte[]> appSecrets = new java.util.concurrent.ConcurrentHashMap<>();

    Leads(Accounts accounts, SecondFactors factors, RecoveryCodes recoveryCodes, EmbeddedServer server) {
        this.accounts = accounts;
        this.factors = factors;
        this.recoveryCodes = recoveryCodes;
        this.server = server;
    }

    /** An account with an authenticator app set up, as every admin and lead has by default. */
    public Account account(Role role) {
        return withAuthenticatorApp(accountWithoutSecondFactor(role));
    }

    /** The account, with an authenticator app set up (whose codes {@link #appCode} computes). */
    public Account withAuthenticatorApp(Account account) {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        factors.addTotp(account.id(), secret, 0, "test phone");
        appSecrets.put(account.id(), secret);
        return account;
    }

    /** An account as an admin opens it: the password only, a second factor still to set up. */
    public Account accountWithoutSecondFactor(Role role) {
        return accounts.create(ServiceTest.uniqueEmail(role.name().toLowerCase()), "Test " + role, role, PASSWORD, null);
    }

    /** The code the account's authenticator app shows at the given instant. */
    public String appCode(Account account, java.time.Instant at) {
        return appCode(appSecrets.get(account.id()), at);
    }

    /** The code an authenticator app with this secret shows at the given instant (RFC 6238, as the apps do). */
    public static String appCode(byte[] secret, java.time.Instant at) {
        try {
            int code = new com.eatthepath.otp.TimeBasedOneTimePasswordGenerator(java.time.Duration.ofSeconds(30), 6)
                    .generateOneTimePassword(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA1"), at);
            return String.format("%06d", code);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh recovery code of the account (its earlier ones are replaced), as if read off the printed list. */
    public String recoveryCode(Account account) {
        return recoveryCodes.replace(account.id()).get(0);
    }

    public void assignTo(Account lead, Campaign campaign) {
        accounts.assign(lead.id(), campaign.id(), lead.id());
    }

    public Account leadOf(Campaign campaign) {
        Account lead = account(Role.LEAD);
        accounts.assign(lead.id(), campaign.id(), lead.id());
        return lead;
    }

    /** A browser signed in as the account. */
    public Browser signedIn(Account account) {
        Browser browser = new Browser("http://127.0.0.1:" + server.getPort());
        Browser.Page login = browser.get("/admin/login");
        Browser.Page done = browser.postForm("/admin/login", Map.of("email", account.email(), "password", PASSWORD,
                "csrfToken", login.csrfToken(), "next", "/admin"));
        assertEquals(303, done.status(), done.body());
        assertEquals("/admin/login/second-factor", URI.create(done.location()).getPath());
        proveSecondFactor(browser, account);
        return browser;
    }

    /** The second step of signing in, after the password: a recovery code, as the account's owner has them. */
    public void proveSecondFactor(Browser browser, Account account) {
        Browser.Page second = browser.get("/admin/login/second-factor?next=/admin");
        assertEquals(200, second.status(), second.body());
        Browser.Page verified = browser.postForm("/admin/login/second-factor", Map.of("code", recoveryCode(account),
                "csrfToken", second.csrfToken(), "next", "/admin"));
        assertEquals(303, verified.status(), verified.body());
        assertEquals("/admin", URI.create(verified.location()).getPath());
    }

    /** A form on an admin page, sent with the page's CSRF token. */
    /** The campaign editor's fields for a new campaign, filled in as a lead would. */
    public static Map<String, String> campaignForm(String slug) {
        Map<String, String> form = new java.util.HashMap<>();
        form.put("slug", slug);
        form.put("goal", "5000");
        form.put("deadline", "");
        form.put("titleEn", "Officials Must Report Their Assets");
        form.put("titleZh", "政府官员必须申报财产");
        form.put("targetEn", "The National People's Congress");
        form.put("targetZh", "全国人民代表大会");
        form.put("summaryEn", "Sunshine laws now.");
        form.put("summaryZh", "立即实行阳光法案。");
        form.put("bodyEn", "First paragraph.");
        form.put("bodyZh", "第一段。");
        return form;
    }

    public static Browser.Page submit(Browser browser, String pagePath, String action, Map<String, String> fields) {
        Browser.Page page = browser.get(pagePath);
        assertEquals(200, page.status(), page.body());
        Map<String, String> form = new HashMap<>(fields);
        form.put("csrfToken", page.csrfToken());
        return browser.postForm(action, form);
    }

    /** Presses the campaign page's export button, with these filters (a POST with the page's CSRF token). */
    public static Browser.Page export(Browser browser, long campaignId, Map<String, String> filters) {
        return submit(browser, "/admin/campaigns/" + campaignId, "/admin/campaigns/" + campaignId + "/export.csv", filters);
    }

    /** A GET on the API, with the token when there is one. */
    public HttpResponse<String> api(String path, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
