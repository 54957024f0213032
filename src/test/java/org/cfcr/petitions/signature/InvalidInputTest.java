package org.cfcr.petitions.signature;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class InvalidInputTest extends ServiceTest {

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("name", "", "Please enter your name."),
                Arguments.of("name", "   ", "Please enter your name."),
                Arguments.of("name", "x".repeat(101), "at most 100 characters"),
                Arguments.of("name", "Jane\u0000Doe", "control characters"),
                Arguments.of("name", "Jane\nDoe", "control characters"),
                Arguments.of("name", "Jane\u202EeoD", "control characters"),
                Arguments.of("email", "", "we need it to confirm"),
                Arguments.of("email", "not-an-email", "does not look like an email"),
                Arguments.of("email", "a@b@example.org", "does not look like an email"),
                Arguments.of("email", "jane@example.org\r\nBcc: victim@example.org", "does not look like an email"),
                Arguments.of("email", "x".repeat(250) + "@example.org", "too long"),
                Arguments.of("email", "someone@mailinator.com", "throwaway-mail"),
                Arguments.of("email", "someone@inbox.guerrillamail.com", "throwaway-mail"),
                Arguments.of("country", "", "choose your country"),
                Arguments.of("country", "XX", "from the list"),
                Arguments.of("city", "c".repeat(101), "at most 100 characters"),
                Arguments.of("city", "Town\u0007", "control characters"),
                Arguments.of("publicDisplay", "EVERYTHING", "how we should show you"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badFields")
    void the_form_comes_back_with_a_message_beside_the_wrong_field_and_nothing_is_stored(
            String field, String value, String message) {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("careless");
        Map<String, String> form = signer("Careless Signer", email);
        form.put(field, value);
        Browser.Page page = browser().sign(campaign.slug(), form);

        assertEquals(422, page.status());
        Document html = page.html();
        var error = html.selectFirst("#" + field + "-error, fieldset .error");
        assertNotNull(error, "a message beside " + field);
        assertTrue(error.text().contains(message), error.text());
        if (!field.equals("email")) {
            assertEquals(email, html.selectFirst("#email").attr("value"), "what was typed is kept");
        }
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM outbox_email o JOIN signature s ON s.id = o.signature_id "
                + "WHERE s.campaign_id = ?", campaign.id()));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badFields")
    void the_api_answers_400_with_the_wrong_field_and_stores_nothing(String field, String value, String message) {
        Campaign campaign = openCampaign();
        Map<String, String> fields = signer("Careless Signer", uniqueEmail("careless"));
        fields.put(field, value);
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(jsonEscape(v)).append("\","));
        json.append("\"emailUpdates\":false}");
        Browser.Page page = browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures", json.toString());

        assertEquals(400, page.status());
        assertTrue(page.body().contains("\"" + field + "\":"), page.body());
        assertTrue(page.body().contains(message), page.body());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
    }

    @Test
    void names_in_any_script_up_to_100_characters_are_welcome() {
        Campaign campaign = openCampaign();
        String[] names = {"陈".repeat(100), "Zoë Ñúñez-O'Brien", "محمد علي", "😀".repeat(100), "Иван Петров"};
        for (String name : names) {
            Browser.Page page = browser().sign(campaign.slug(), signer(name, uniqueEmail("script")));
            assertEquals(303, page.status(), name);
        }
        assertEquals(names.length, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND name = ?",
                campaign.id(), "😀".repeat(100)), "4-byte characters are stored intact");
    }

    @Test
    void hostile_text_is_shown_back_escaped() {
        Campaign campaign = openCampaign();
        Map<String, String> form = signer("<script>alert(1)</script>", "not-an-email");
        Browser.Page page = browser().sign(campaign.slug(), form);
        assertEquals(422, page.status());
        assertFalse(page.body().contains("<script>alert(1)</script>"));
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "\"true\"", "1", "0", "\"\"", "[]", "{}"})
    void a_boolean_field_takes_true_or_false_only(String value) {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("bool");
        Browser.Page page = browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"Bool\",\"email\":\"" + email + "\",\"country\":\"HK\",\"publicDisplay\":\"HIDDEN\","
                        + "\"emailUpdates\":" + value + "}");

        assertEquals(400, page.status(), page.body());
        assertTrue(page.body().contains("\"emailUpdates\""), page.body());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
    }

    @Test
    void a_signer_who_asks_for_updates_through_the_api_gets_them() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("wants");
        Browser.Page page = browser().postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"Wants News\",\"email\":\"" + email + "\",\"country\":\"HK\","
                        + "\"publicDisplay\":\"HIDDEN\",\"emailUpdates\":true}");

        assertEquals(202, page.status(), page.body());
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND email_updates = TRUE",
                campaign.id()));
    }

    @Test
    void the_api_takes_json_only_and_says_so() {
        Campaign campaign = openCampaign();
        Browser client = browser();
        String path = "/api/v1/campaigns/" + campaign.slug() + "/signatures";
        Browser.Page form = client.post(path, "application/x-www-form-urlencoded", "name=x");
        assertEquals(415, form.status());
        assertTrue(form.body().contains("JSON"), form.body());
        Browser.Page broken = client.postJson(path, "{\"name\": ");
        assertEquals(400, broken.status());
        assertTrue(broken.body().contains("message"), broken.body());
        Browser.Page wrongType = client.postJson(path, "{\"name\": {\"a\": 1}}");
        assertEquals(400, wrongType.status());
    }

    @Test
    void unknown_draft_and_closed_campaigns_answer_404_404_and_409() {
        Campaign draft = campaign(CampaignState.DRAFT, null, null);
        Campaign closed = campaign(CampaignState.CLOSED, null, Instant.now().minusSeconds(60));
        Campaign pastDeadline = campaign(CampaignState.OPEN, Instant.now().minusSeconds(60), null);
        String json = "{\"name\":\"A\",\"email\":\"" + uniqueEmail("late") + "\",\"country\":\"CN\","
                + "\"publicDisplay\":\"HIDDEN\",\"emailUpdates\":false}";
        Browser client = browser();
        assertEquals(404, client.postJson("/api/v1/campaigns/no-such-campaign/signatures", json).status());
        assertEquals(404, client.postJson("/api/v1/campaigns/" + draft.slug() + "/signatures", json).status());
        assertEquals(409, client.postJson("/api/v1/campaigns/" + closed.slug() + "/signatures", json).status());
        assertEquals(409, client.postJson("/api/v1/campaigns/" + pastDeadline.slug() + "/signatures", json).status());
        assertEquals(404, client.get("/campaigns/" + draft.slug()).status());
        assertEquals(404, client.get("/api/v1/campaigns/" + draft.slug()).status());

        Browser.Page closedPage = client.get("/campaigns/" + closed.slug());
        assertEquals(200, closedPage.status());
        assertTrue(closedPage.html().select("form[action$=signatures]").isEmpty(), "no sign form on a closed campaign");
        Browser.Page posted = client.postForm("/campaigns/" + closed.slug() + "/signatures",
                Map.of("csrfToken", client.get("/campaigns/" + openCampaign().slug()).csrfToken(), "name", "A"));
        assertEquals(409, posted.status());
        assertTrue(posted.html().text().contains("closed"));
    }

    @Test
    void a_form_without_its_csrf_token_is_refused() {
        Campaign campaign = openCampaign();
        Map<String, String> form = signer("No Token", uniqueEmail("csrf"));
        Browser.Page page = browser().postForm("/campaigns/" + campaign.slug() + "/signatures", form);
        assertEquals(403, page.status());
        assertTrue(page.html().text().contains("reload the page"));
        form.put("csrfToken", "forged");
        Browser victim = browser();
        victim.get("/campaigns/" + campaign.slug());
        assertEquals(403, victim.postForm("/campaigns/" + campaign.slug() + "/signatures", form).status());
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()));
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x202E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
