package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.Signature;
import org.cfcr.petitions.signature.SigningSettings;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone who knows a supporter's email address submits the form for it, with a name, city and
 * display choice of their own, from a clean address or a blocked one, before the supporter
 * confirms or between the confirm page and its button. Only the owner of the mailbox decides
 * what is published: each link publishes exactly what its own page showed.
 */
@MicronautTest(transactional = false)
class ThirdPartySubmitsForASupporter extends ServiceTest {

    private static final String BLOCKED_NETWORK = "192.0.2.0/24";

    @Inject
    SigningSettings signing;

    @Override
    protected Map<String, String> extraProperties() {
        // signers come from addresses of their own here, and a test fills a form faster than a person
        return Map.of("petitions.abuse.block-addresses", BLOCKED_NETWORK, "petitions.abuse.min-fill-time", "0s");
    }

    @Test
    void the_owners_link_publishes_what_the_owner_submitted_whatever_a_third_party_sends_meanwhile() {
        Campaign campaign = openCampaign();
        String owner = uniqueEmail("quiet");
        Browser supporter = browser().from("203.0.113.10");
        supporter.sign(campaign.slug(), quietly(owner));
        String ownLink = confirmLink(TestMailServer.awaitMessage(owner));

        clock.advance(signing.resendInterval());
        String tagged = owner.replace("@", "+x@");
        browser().from("203.0.113.66").sign(campaign.slug(), loudly(tagged));
        TestMailServer.awaitMessage(tagged);

        Browser.Page page = supporter.get(URI.create(ownLink).getPath());
        assertEquals("Quiet Person", page.html().selectFirst("input[name=name]").attr("value"),
                "the owner's page shows the owner's submission");
        assertEquals("HIDDEN", page.html().selectFirst("input[name=publicDisplay][checked]").attr("value"));
        assertEquals(303, supporter.confirm(ownLink).status());

        assertPublishedQuietly(campaign);
        assertEquals(owner, storedSignatures(campaign).get(0).email(),
                "later emails go to the address that received the confirmed link");
    }

    @Test
    void a_submission_between_the_confirm_page_and_its_button_changes_nothing_the_button_publishes() {
        Campaign campaign = openCampaign();
        String owner = uniqueEmail("hurried");
        Browser supporter = browser();
        supporter.sign(campaign.slug(), quietly(owner));
        String ownLink = confirmLink(TestMailServer.awaitMessage(owner));
        Browser.Page page = supporter.get(URI.create(ownLink).getPath());

        clock.advance(signing.resendInterval());
        browser().sign(campaign.slug(), loudly(owner.replace("@", "+y@")));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM resubmission r JOIN signature s ON s.id = r.signature_id "
                + "WHERE s.campaign_id = ?", campaign.id()), "the third party's submission is kept apart");

        assertEquals(303, supporter.submit(page, "form[method=post]", Map.of()).status(),
                "the button of the page opened before the third party's submission");
        assertPublishedQuietly(campaign);
        assertEquals(0, queryLong("SELECT COUNT(*) FROM resubmission r JOIN signature s ON s.id = r.signature_id "
                + "WHERE s.campaign_id = ?", campaign.id()), "once confirmed, no other submission is kept");
    }

    @Test
    void a_bare_press_of_the_button_publishes_what_the_page_showed_too() {
        Campaign campaign = openCampaign();
        String owner = uniqueEmail("scripted");
        Browser supporter = browser();
        supporter.sign(campaign.slug(), quietly(owner));
        String ownLink = confirmLink(TestMailServer.awaitMessage(owner));
        clock.advance(signing.resendInterval());
        browser().sign(campaign.slug(), loudly(owner));

        String path = URI.create(ownLink).getPath();
        assertEquals(303, supporter.postForm(path, Map.of("csrfToken", supporter.get(path).csrfToken())).status());
        assertPublishedQuietly(campaign);
    }

    @Test
    void the_third_partys_link_shows_its_own_details_and_the_owner_corrects_them_before_confirming() {
        Campaign campaign = openCampaign();
        String owner = uniqueEmail("careful");
        Browser supporter = browser();
        supporter.sign(campaign.slug(), quietly(owner));
        TestMailServer.awaitMessage(owner);
        clock.advance(signing.resendInterval());
        String tagged = owner.replace("@", "+z@");
        browser().sign(campaign.slug(), loudly(tagged));
        String theirLink = confirmLink(TestMailServer.awaitMessage(tagged));

        Browser.Page page = supporter.get(URI.create(theirLink).getPath());
        assertEquals("Zhang Wei", page.html().selectFirst("input[name=name]").attr("value"),
                "a link's page shows what that link publishes, whoever submitted it");
        assertEquals("Lhasa", page.html().selectFirst("input[name=city]").attr("value"));
        assertTrue(page.html().select("dl.preview").text().contains("Zhang Wei"), page.html().select("dl.preview").text());

        assertEquals(303, supporter.confirm(theirLink,
                Map.of("name", "Quiet Person", "city", "", "publicDisplay", "HIDDEN")).status());
        assertPublishedQuietly(campaign);
    }

    @Test
    void a_correction_is_checked_like_the_sign_form_and_nothing_is_confirmed_until_it_passes() {
        Campaign campaign = openCampaign();
        String owner = uniqueEmail("typo");
        Browser supporter = browser();
        String link = signAndAwaitLink(supporter, campaign, "Jnae Doe", owner);

        Browser.Page refused = supporter.confirm(link, Map.of("name", "  ", "publicDisplay", "SHOUTING"));
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("Please enter your name."), refused.body());
        assertEquals("PENDING", queryString("SELECT status FROM signature WHERE campaign_id = ?", campaign.id()));

        assertEquals(303, supporter.confirm(link, Map.of("name", "Jane Doe", "city", "Kowloon")).status());
        Signature stored = storedSignatures(campaign).get(0);
        assertEquals("Jane Doe|Kowloon", stored.name() + "|" + stored.city());
    }

    @Test
    void a_resubmission_from_a_blocked_source_holds_back_nothing_but_itself() {
        Campaign campaign = openCampaign();
        String owner = uniqueEmail("clean");
        Browser supporter = browser().from("203.0.113.20");
        supporter.sign(campaign.slug(), quietly(owner));
        String ownLink = confirmLink(TestMailServer.awaitMessage(owner));
        clock.advance(signing.resendInterval());
        String tagged = owner.replace("@", "+blocked@");
        browser().from("192.0.2.9").sign(campaign.slug(), loudly(tagged));
        String heldLink = confirmLink(TestMailServer.awaitMessage(tagged));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM resubmission r JOIN signature s ON s.id = r.signature_id "
                + "WHERE s.campaign_id = ? AND r.hold_rule = 'BLOCKED'", campaign.id()));

        assertEquals(303, supporter.confirm(ownLink).status());
        assertPublishedQuietly(campaign);
        awaitCount(campaign, 1);
        assertTrue(supporter.get(URI.create(heldLink).getPath()).body().contains("Already confirmed"),
                "the other link finds the signature confirmed");
    }

    @Test
    void a_held_submission_is_not_washed_clean_by_a_repeat_from_a_clean_source() {
        Campaign campaign = openCampaign();
        String address = uniqueEmail("washer");
        browser().from("192.0.2.77").sign(campaign.slug(), loudly(address));
        String heldLink = confirmLink(TestMailServer.awaitMessage(address));
        clock.advance(signing.resendInterval());
        browser().from("203.0.113.77").sign(campaign.slug(), loudly(address.replace("@", "+clean@")));
        TestMailServer.awaitMessage(address.replace("@", "+clean@"));

        Browser.Page confirmed = browser().confirm(heldLink);
        assertEquals(303, confirmed.status());
        assertEquals("BLOCKED", queryString("SELECT hold_rule FROM signature WHERE campaign_id = ?", campaign.id()),
                "the held link publishes a held signature");
        assertEquals(0, countOf(campaign));
    }

    @Test
    void each_email_goes_to_the_address_of_its_own_submission() {
        Campaign campaign = openCampaign();
        String owner = uniqueEmail("two-inboxes");
        browser().sign(campaign.slug(), quietly(owner));
        TestMailServer.awaitMessage(owner);
        clock.advance(signing.resendInterval());
        String tagged = owner.replace("@", "+w@");
        browser().sign(campaign.slug(), loudly(tagged));
        TestMailServer.Mail second = TestMailServer.awaitMessage(tagged);
        assertFalse(second.text().contains("Zhang Wei"), "no email carries a name a submission gave");
        assertEquals("Zhang Wei", browser().get(URI.create(confirmLink(second)).getPath()).html()
                .selectFirst("input[name=name]").attr("value"), "its link is the second submission's own");
        List<TestMailServer.Mail> toOwner = TestMailServer.messagesTo(owner);
        assertEquals(1, toOwner.size(), "the owner's address got only its own email");
    }

    private void assertPublishedQuietly(Campaign campaign) {
        String json = browser().get("/api/v1/campaigns/" + campaign.slug() + "/signers").body();
        eventually(Duration.ofSeconds(5), () -> browser().get("/api/v1/campaigns/" + campaign.slug() + "/signers").body()
                .contains("\"name\":null"), "listed as hidden: " + json);
        String list = browser().get("/campaigns/" + campaign.slug() + "/signers").body()
                + browser().get("/api/v1/campaigns/" + campaign.slug() + "/signers").body();
        assertFalse(list.contains("Zhang Wei"), list);
        assertFalse(list.contains("Lhasa"), list);
        Signature stored = storedSignatures(campaign).get(0);
        assertEquals("Quiet Person|HIDDEN", stored.name() + "|" + stored.display());
    }

    private static Map<String, String> quietly(String email) {
        Map<String, String> form = signer("Quiet Person", email);
        form.put("city", "");
        form.put("publicDisplay", "HIDDEN");
        return form;
    }

    private static Map<String, String> loudly(String email) {
        Map<String, String> form = signer("Zhang Wei", email);
        form.put("city", "Lhasa");
        form.put("publicDisplay", "FULL_NAME");
        return form;
    }
}
