package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.screening.CampaignChallenges;
import org.cfcr.petitions.signature.screening.ProofOfWork;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A script's story on the sign form: the honeypot, the form-fill time and the proof-of-work challenge hold it back,
 * and a person gets through.
 */
@MicronautTest(transactional = false)
class BotsMeetFriction extends ServiceTest {

    @Inject
    CampaignChallenges challenges;

    // The honeypot, the form-fill time and the proof-of-work challenge, through the sign form and the API.

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.abuse.min-fill-time", "1s", "petitions.abuse.challenge-bits", "8",
                "petitions.abuse.campaign-per-minute", "6");
    }

    @Test
    void a_person_who_takes_their_time_counts_and_scripts_do_not() {
        Campaign campaign = openCampaign();
        String person = uniqueEmail("person");
        Browser browser = browser().from("203.0.113.70");
        String formToken = formToken(browser.get("/campaigns/" + campaign.slug()).html());
        clock.advance(java.time.Duration.ofSeconds(2)); // longer than the fill time a person needs here
        assertEquals(303, signForm(browser, campaign, person, Map.of("formToken", formToken)).status());

        String hasty = uniqueEmail("hasty");
        Browser fast = browser().from("203.0.113.71");
        assertEquals(303, signForm(fast, campaign, hasty,
                Map.of("formToken", formToken(fast.get("/campaigns/" + campaign.slug()).html()))).status());
        String filler = uniqueEmail("filler");
        assertEquals(303, signForm(browser().from("203.0.113.72"), campaign, filler,
                Map.of("formToken", formToken, "website", "http://spam.example")).status());
        String forger = uniqueEmail("forger");
        assertEquals(303, signForm(browser().from("203.0.113.73"), campaign, forger,
                Map.of("formToken", campaign.id() + ".1.forged")).status());

        for (String email : new String[]{person, hasty, filler, forger}) {
            confirmAs(email);
        }
        awaitCount(campaign, 1);
        assertEquals(3, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND hold_rule = 'BOT'", campaign.id()));
    }

    @Test
    void the_challenge_is_asked_for_when_a_lead_switches_it_on_and_an_answer_counts() {
        Campaign campaign = openCampaign();
        Browser browser = browser().from("203.0.113.80");
        assertNull(browser.get("/campaigns/" + campaign.slug()).html().selectFirst("form[data-challenge-bits]"));
        challenges.choose(campaign.id(), CampaignChallenges.Mode.ON, null);
        Document page = browser.get("/campaigns/" + campaign.slug()).html();
        assertNotNull(page.selectFirst("form[data-challenge-bits=8]"), "the form asks for the challenge");
        assertNotNull(page.selectFirst("script[src^=/static/challenge.]"));
        assertTrue(page.text().contains("your browser does a short calculation"));
        String token = formToken(page);
        clock.advance(java.time.Duration.ofSeconds(2)); // longer than the fill time a person needs here

        String solver = uniqueEmail("Solver");
        String proof = ProofOfWork.solve(token, solver, 8);
        assertEquals(303, signForm(browser, campaign, solver, Map.of("formToken", token, "proof", proof)).status());
        String noScript = uniqueEmail("noscript");
        assertEquals(303, signForm(browser().from("203.0.113.81"), campaign, noScript, Map.of("formToken", token)).status());
        String reused = uniqueEmail("reuser");
        assertEquals(303, signForm(browser().from("203.0.113.82"), campaign, reused,
                Map.of("formToken", token, "proof", proof)).status());

        // the API: a token and an answer from /form-token
        String json = browser().from("203.0.113.83").get("/api/v1/campaigns/" + campaign.slug() + "/form-token").body();
        assertTrue(json.contains("\"challengeRequired\":true") && json.contains("\"challengeBits\":8"), json);
        String apiToken = json.replaceAll(".*\"formToken\":\"([^\"]+)\".*", "$1");
        String apiSigner = uniqueEmail("api");
        assertEquals(202, browser().from("203.0.113.83").postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"Api Signer\",\"email\":\"" + apiSigner + "\",\"country\":\"TW\",\"publicDisplay\":\"HIDDEN\","
                        + "\"formToken\":\"" + apiToken + "\",\"proof\":\"" + ProofOfWork.solve(apiToken, apiSigner, 8) + "\"}")
                .status());

        for (String email : new String[]{solver, noScript, reused, apiSigner}) {
            confirmAs(email);
        }
        awaitCount(campaign, 2);
        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND hold_rule = 'CHALLENGE'",
                campaign.id()), "no answer, or an answer made for another email, is held");
        challenges.choose(campaign.id(), CampaignChallenges.Mode.AUTO, null);
    }

    @Test
    void a_flood_switches_the_challenge_on_by_itself() {
        Campaign campaign = openCampaign();
        for (int i = 0; i < 7; i++) {
            signJson(browser().from("198.51.100." + (100 + i)), campaign, "crowd" + i + "@crowd-" + i + ".example");
        }
        assertTrue(challenges.isRequired(campaign.id()));
        assertNotNull(queryLong("SELECT COUNT(*) FROM campaign WHERE id = ? AND challenge_until IS NOT NULL", campaign.id()) == 1
                ? "" : null, "recorded for every node");
        assertNotNull(browser().get("/campaigns/" + campaign.slug()).html().selectFirst("form[data-challenge-bits]"));
    }

    private static String formToken(Document page) {
        return page.selectFirst("input[name=formToken]").attr("value");
    }

    private static Browser.Page signForm(Browser browser, Campaign campaign, String email, Map<String, String> extra) {
        browser.get("/campaigns/" + campaign.slug()); // the visitor opens the page first
        Map<String, String> form = new java.util.HashMap<>(signer("Form Signer", email));
        form.putAll(extra);
        return browser.postForm("/campaigns/" + campaign.slug() + "/signatures", form);
    }
}
