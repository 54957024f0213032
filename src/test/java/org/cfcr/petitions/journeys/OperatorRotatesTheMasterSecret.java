package org.cfcr.petitions.journeys;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.signature.screening.FormTokens;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.cfcr.petitions.update.UnsubscribeLinks;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator runs the service on a master secret, as production must, and later rotates it: the
 * keys are derived from the secret, so nothing is written to the database's key table; after the
 * rotation, forms and links the previous secret signed (on a node still running it) keep working,
 * and what an unknown secret signed does not.
 */
@MicronautTest(transactional = false)
class OperatorRotatesTheMasterSecret extends ServiceTest {

    private static final String OLD = newSecret();
    private static final String CURRENT = newSecret();
    private static final String UNKNOWN = newSecret();

    @Inject
    Leads leads;

    @Inject
    UnsubscribeLinks unsubscribeLinks;

    @Inject
    FormTokens formTokens;

    /** This service runs after the rotation: the current secret signs, the old one is still believed. */
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.secrets.master", CURRENT, "petitions.secrets.previous", OLD);
    }

    @Test
    void with_a_master_secret_no_key_is_written_to_the_database() {
        execute("DELETE FROM app_secret");
        Campaign campaign = discreetCampaign();
        var lead = leads.leadOf(campaign);
        String email = uniqueEmail("signer");
        // a sign form (form time), from an address that is hashed, for a discreet campaign (reference code)
        Browser.Page signed = browser().from("203.0.113.9").sign(campaign.slug(), signer("Lin Wei", email));
        assertEquals(303, signed.status(), signed.body());
        String mail = TestMailServer.awaitMessage(email).text();
        assertTrue(mail.matches("(?s).*[0-9A-Z]{4}-[0-9A-Z]{4}.*"), "the reference code: " + mail);
        confirmAs(email);
        // a lead's sign-in (device cookie) and an export (watermark refs)
        Browser browser = leads.signedIn(lead);
        assertEquals(200, Leads.export(browser, campaign.id(), java.util.Map.of()).status());
        // an unsubscribe link
        long signatureId = queryLong("SELECT MAX(id) FROM signature WHERE campaign_id = ?", campaign.id());
        assertEquals(200, browser().get("/unsubscribe/" + unsubscribeLinks.token(signatureId)).status());

        assertEquals(0, queryLong("SELECT COUNT(*) FROM app_secret"), "keys written to app_secret");
    }

    @Test
    void what_the_previous_secret_signed_is_still_accepted_and_what_an_unknown_one_signed_is_not() {
        Campaign campaign = openCampaign();
        long signatureId = signatures(campaign).wantingUpdates(true).confirmed();
        String here = "http://127.0.0.1:" + server.getPort();

        // a node from before the rotation serves the sign form and mails an unsubscribe link
        Signed byOld = signedBy(OLD, campaign, signatureId);
        Signed byUnknown = signedBy(UNKNOWN, campaign, signatureId);

        // the browser's next request reaches this node, which runs the rotated secrets
        Browser.Page accepted = byOld.browser.atNode(here).postForm("/campaigns/" + campaign.slug() + "/signatures",
                byOld.form(uniqueEmail("in-flight")));
        assertEquals(303, accepted.status(), "a form the old secret timed: " + accepted.body());
        Browser.Page oldToken = byOld.browser.atNode(here).postForm("/admin/login", byOld.signIn());
        assertEquals(401, oldToken.status(), "the old secret's CSRF token is believed (the password is wrong): " + oldToken.body());
        Browser.Page unknownToken = byUnknown.browser.atNode(here).postForm("/admin/login", byUnknown.signIn());
        assertEquals(403, unknownToken.status(), "a CSRF token an unknown secret signed");

        assertEquals(200, browser().get("/unsubscribe/" + byOld.unsubscribe).status());
        assertEquals(404, browser().get("/unsubscribe/" + byUnknown.unsubscribe).status());

        assertTrue(formTokens.age(byOld.formToken, campaign.id()).isPresent(), "the old node's form time");
        assertTrue(formTokens.age(byUnknown.formToken, campaign.id()).isEmpty(), "an unknown node's form time");

        // and this node signs with the current secret: a node still on the old one alone does not believe it
        String current = unsubscribeLinks.token(signatureId);
        try (EmbeddedServer old = node(OLD)) {
            assertEquals(404, new Browser("http://127.0.0.1:" + old.getPort()).get("/unsubscribe/" + current).status());
        }
    }

    /** What a node running only this master secret hands out: forms with their tokens, an unsubscribe link. */
    private Signed signedBy(String secret, Campaign campaign, long signatureId) {
        try (EmbeddedServer node = node(secret)) {
            Browser browser = new Browser("http://127.0.0.1:" + node.getPort());
            Browser.Page page = browser.get("/campaigns/" + campaign.slug());
            assertEquals(200, page.status());
            String formToken = page.html().selectFirst("input[name=formToken]").attr("value");
            String csrfToken = browser.get("/admin/login").csrfToken();
            String unsubscribe = node.getApplicationContext().getBean(UnsubscribeLinks.class).token(signatureId);
            return new Signed(browser, csrfToken, formToken, unsubscribe);
        }
    }

    /** What a node handed a browser: the sign-in form's CSRF token (with its cookie), a sign form's time, a link. */
    private record Signed(Browser browser, String csrfToken, String formToken, String unsubscribe) {
        Map<String, String> form(String email) {
            Map<String, String> form = new HashMap<>(signer("In Flight", email));
            form.put("formToken", formToken);
            return form;
        }

        Map<String, String> signIn() {
            return Map.of("email", "nobody@example.org", "password", "not the password", "csrfToken", csrfToken);
        }
    }

    /** Another node on the same database, with only this master secret. */
    private EmbeddedServer node(String secret) {
        Map<String, Object> properties = anotherNodesProperties();
        properties.put("petitions.secrets.master", secret);
        properties.put("petitions.secrets.previous", "");
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private Campaign discreetCampaign() {
        Instant now = Instant.now();
        return campaigns.save(new Campaign(null, "keys-" + UUID.randomUUID().toString().substring(0, 8),
                CampaignState.OPEN, 1000, null, null, "Release the prisoners", "释放囚犯", "A summary", "摘要",
                "Body.", "正文。", "The Government", "政府", true, now, now));
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
