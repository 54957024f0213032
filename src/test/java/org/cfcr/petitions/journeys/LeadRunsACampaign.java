package org.cfcr.petitions.journeys;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVRecord;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.ApiTokens;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ExportFiles;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.SignatureBuilder;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.cfcr.petitions.support.Leads.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lead's story: writing, publishing and closing a campaign, sending updates to its signers, and exporting them. */
@MicronautTest(transactional = false)
class LeadRunsACampaign extends ServiceTest {

    @Inject
    Leads leads;

    @Inject
    ApiTokens apiTokens;

    private static Map<String, String> texts(String slug) {
        Map<String, String> form = Leads.campaignForm(slug);
        form.put("bodyEn", "First paragraph.\r\n\r\nSecond paragraph with <script>alert(1)</script>.");
        form.put("bodyZh", "第一段。\n\n第二段。");
        return form;
    }

    @Test
    void a_lead_writes_publishes_and_closes_a_campaign_and_every_step_is_recorded() {
        Account lead = leads.account(Role.LEAD);
        Browser browser = leads.signedIn(lead);
        String slug = "assets-" + UUID.randomUUID().toString().substring(0, 8);

        // a draft with the Chinese text missing can be saved, but not published
        Map<String, String> draft = texts(slug);
        draft.put("bodyZh", "");
        Browser.Page created = submit(browser, "/admin/campaigns/new", "/admin/campaigns", draft);
        assertEquals(303, created.status(), created.body());
        String path = URI.create(created.location()).getPath();
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        assertEquals(CampaignState.DRAFT, campaigns.findById(id).orElseThrow().state());
        assertEquals(404, browser().get("/campaigns/" + slug).status(), "a draft is not public");

        Browser.Page refused = submit(browser, path, path + "/state", Map.of("target", "OPEN"));
        assertEquals(409, refused.status());
        assertTrue(refused.body().contains("both languages"), refused.body());

        Browser.Page edited = submit(browser, path + "/edit", path + "/edit", texts(slug));
        assertEquals(303, edited.status(), edited.body());
        Browser.Page preview = browser.get(path + "/preview?lang=zh");
        assertEquals(200, preview.status());
        assertTrue(preview.body().contains("政府官员必须申报财产"));
        assertTrue(preview.body().contains("&lt;script&gt;") || browser.get(path + "/preview?lang=en").body().contains("&lt;script&gt;"));

        assertEquals(303, submit(browser, path, path + "/state", Map.of("target", "OPEN")).status());
        eventually(Duration.ofSeconds(5), () -> browser().get("/campaigns/" + slug).status() == 200, "public once open");

        Browser.Page backToDraft = submit(browser, path, path + "/state", Map.of("target", "DRAFT"));
        assertEquals(409, backToDraft.status());
        assertTrue(backToDraft.body().contains("cannot go back to draft"), backToDraft.body());

        assertEquals(303, submit(browser, path, path + "/state", Map.of("target", "CLOSED")).status());
        assertEquals(CampaignState.CLOSED, campaigns.findById(id).orElseThrow().state());

        // the slug of a published campaign stays what it was
        Map<String, String> renamed = texts("another-address");
        renamed.put("goal", "9000");
        assertEquals(303, submit(browser, path + "/edit", path + "/edit", renamed).status());
        Campaign after = campaigns.findById(id).orElseThrow();
        assertEquals(slug, after.slug());
        assertEquals(9000, after.goal());

        String history = browser.get(path).body();
        for (String action : new String[]{"campaign.created", "campaign.edited", "campaign.state"}) {
            assertTrue(history.contains(action), action);
        }
        assertEquals(1, queryLong("SELECT COUNT(*) FROM audit_event WHERE campaign_id = ? AND action = 'campaign.edited' "
                + "AND detail LIKE '%goal: 5000 → 9000%' AND account_id = ?", id, lead.id()));
        assertEquals(2, queryLong("SELECT COUNT(*) FROM audit_event WHERE campaign_id = ? AND action = 'campaign.state'", id), "published, then closed");
    }

    /**
     * A lead saves the campaign's texts on one tab while the campaign is closed on another (or by
     * another lead): the edit writes the whole row back, so it must see the close, not undo it.
     */
    @Test
    void a_close_committed_while_an_edit_is_saved_stays_closed() throws Exception {
        Campaign campaign = openCampaign();
        Browser browser = leads.signedIn(leads.leadOf(campaign));
        String path = "/admin/campaigns/" + campaign.id();
        Map<String, String> texts = Leads.campaignForm(campaign.slug());
        texts.put("goal", "9000");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            holdRow(holder, "campaign", campaign.id());
            try (PreparedStatement close = holder.prepareStatement(
                    "UPDATE campaign SET state = 'CLOSED', closed_at = ? WHERE id = ?")) {
                close.setTimestamp(1, java.sql.Timestamp.from(Instant.now()));
                close.setLong(2, campaign.id());
                close.executeUpdate();
            }
            Future<Integer> edit = pool.submit(() -> submit(browser, path + "/edit", path + "/edit", texts).status());
            TestMailServer.sleep(700);
            assertFalse(edit.isDone(), "the edit waits for the close under way");
            holder.commit();
            assertEquals(303, edit.get());
        } finally {
            pool.shutdown();
        }
        Campaign after = campaigns.findById(campaign.id()).orElseThrow();
        assertEquals(CampaignState.CLOSED, after.state(), "the close stays");
        assertTrue(after.closedAt() != null, "with its time");
        assertEquals(9000, after.goal(), "and the edit is saved");
    }

    @Test
    void invalid_input_is_explained_and_nothing_is_stored() {
        Browser browser = leads.signedIn(leads.account(Role.LEAD));
        Map<String, String> form = texts("Not A Slug!");
        form.put("goal", "-3");
        form.put("deadline", "next tuesday");
        form.put("titleEn", "x".repeat(201));
        Browser.Page page = submit(browser, "/admin/campaigns/new", "/admin/campaigns", form);
        assertEquals(422, page.status());
        assertTrue(page.body().contains("lower-case letters"));
        assertTrue(page.body().contains("between 1 and 100,000,000"));
        assertTrue(page.body().contains("2027-06-30 23:59"));
        assertTrue(page.body().contains("too long"));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM campaign WHERE slug = 'Not A Slug!'"));
    }

    @Test
    void a_campaign_closes_by_itself_at_its_deadline() {
        Campaign campaign = campaign(CampaignState.OPEN, Instant.now().plusSeconds(1), null);
        eventually(Duration.ofSeconds(60), () -> campaigns.findById(campaign.id()).orElseThrow().state() == CampaignState.CLOSED,
                "closed by the deadline job");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM audit_event WHERE campaign_id = ? AND detail LIKE '%deadline reached%'",
                campaign.id()));
    }

    private static final Pattern LIST_UNSUBSCRIBE = Pattern.compile("<(http://petitions\\.test(/unsubscribe/[^>]+))>");

    /** A signer who confirmed, in their language, with or without asking for updates. */
    private String confirmedSigner(Campaign campaign, String lang, boolean updates) {
        String email = uniqueEmail("update-" + lang);
        Map<String, String> form = signer("Signer " + lang, email);
        if (updates) {
            form.put("emailUpdates", "on");
        }
        Browser browser = browser();
        browser.get("/?lang=" + lang);
        assertEquals(303, browser.sign(campaign.slug(), form).status());
        assertEquals(303, browser.confirm(confirmLink(TestMailServer.awaitMessage(email))).status());
        return email;
    }

    @Test
    void an_update_reaches_the_signers_who_asked_in_their_language_and_unsubscribing_works_once() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        String english = confirmedSigner(campaign, "en", true);
        String chinese = confirmedSigner(campaign, "zh", true);
        String notAsked = confirmedSigner(campaign, "en", false);

        Browser browser = leads.signedIn(lead);
        String page = "/admin/campaigns/" + campaign.id();
        Browser.Page sent = submit(browser, page, page + "/updates", Map.of(
                "titleEn", "We delivered the petition", "titleZh", "我们已递交联署",
                "bodyEn", "Thank you all.\n\nMore soon.", "bodyZh", "谢谢大家。"));
        assertEquals(303, sent.status(), sent.body());

        TestMailServer.Mail en = TestMailServer.awaitMessages(english, 2, Duration.ofSeconds(15)).get(1);
        TestMailServer.Mail zh = TestMailServer.awaitMessages(chinese, 2, Duration.ofSeconds(15)).get(1);
        assertTrue(en.subject().contains("We delivered the petition"), en.subject());
        assertTrue(en.text().contains("More soon."));
        assertTrue(zh.subject().contains("我们已递交联署"), zh.subject());
        assertTrue(zh.text().contains("谢谢大家"));
        assertEquals("List-Unsubscribe=One-Click", en.header("List-Unsubscribe-Post"));
        Matcher link = LIST_UNSUBSCRIBE.matcher(en.header("List-Unsubscribe"));
        assertTrue(link.matches(), en.header("List-Unsubscribe"));
        assertTrue(en.text().contains(link.group(1)), "the unsubscribe link is in the text as well");

        // the update is on the public page, in each language
        assertTrue(browser().get("/campaigns/" + campaign.slug()).body().contains("We delivered the petition"));
        assertTrue(browser().get("/campaigns/" + campaign.slug() + "?lang=zh").body().contains("我们已递交联署"));
        eventually(Duration.ofSeconds(5), () -> browser.get(page).body().contains("sent to 2 signers"), "mailing counted");
        awaitMailSettled(campaign);
        assertEquals(1, TestMailServer.messagesTo(notAsked).size(), "only the confirmation email");

        // one click from the mail program (RFC 8058): a POST with no cookie and no CSRF token, twice
        String unsubscribe = link.group(2);
        Browser mailProgram = browser();
        Browser.Page first = mailProgram.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertEquals(200, first.status(), first.body());
        Browser.Page second = mailProgram.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertEquals(200, second.status());
        assertTrue(second.body().contains("You are unsubscribed"));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE email_key = ? AND email_updates = TRUE",
                mailboxKey(english)));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE email_key = ? AND status = 'CONFIRMED'",
                mailboxKey(english)),
                "the signature stays and counts");

        // the link page itself only shows a button; a forged link is refused
        assertTrue(browser().get(unsubscribe).body().contains("<button"));
        String forged = unsubscribe.substring(0, unsubscribe.length() - 2) + (unsubscribe.endsWith("AA") ? "BB" : "AA");
        assertEquals(404, browser().post(forged, "application/x-www-form-urlencoded", "").status());
        assertEquals(404, browser().get("/unsubscribe/123").status());

        // a second update no longer reaches the one who left
        assertEquals(303, submit(browser, page, page + "/updates", Map.of("titleEn", "Second", "titleZh", "第二",
                "bodyEn", "Again.", "bodyZh", "再次。")).status());
        TestMailServer.awaitMessages(chinese, 3, Duration.ofSeconds(15));
        awaitMailSettled(campaign);
        assertEquals(2, TestMailServer.messagesTo(english).size());
    }

    @Test
    void an_update_needs_both_languages() {
        Campaign campaign = openCampaign();
        Browser browser = leads.signedIn(leads.leadOf(campaign));
        String page = "/admin/campaigns/" + campaign.id();
        Browser.Page refused = submit(browser, page, page + "/updates", Map.of("titleEn", "Only English", "bodyEn", "Text"));
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("both languages"));
        assertFalse(browser().get("/campaigns/" + campaign.slug()).body().contains("Only English"));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM campaign_update WHERE campaign_id = ?", campaign.id()));
    }

    private static final String[] HOSTILE_NAMES = {
            "刘晓波", "Smith, John", "Say \"hello\"", "line one\nline two", "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn", "Ordinary Name",
            "\uFF1DHYPERLINK(\"http://evil.example\")", "\uFF0B1", "\uFF0D2", "\uFF20SUM(A1)", " =1+1", "\u3000\uFF1D1"};

    private long insert(Campaign campaign, String name, String status, boolean updates, Instant created) {
        SignatureBuilder signature = signatures(campaign).named(name).email(uniqueEmail("export"))
                .from("CN", "=cmd|' /C calc'!A0").showing(PublicDisplay.FULL_NAME).wantingUpdates(updates).in(Lang.ZH)
                .at(created);
        return "CONFIRMED".equals(status) ? signature.confirmed() : signature.pending();
    }

    @Test
    void exports_every_confirmed_signature_exactly_and_safely() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        Instant now = Instant.now();
        for (String name : HOSTILE_NAMES) {
            insert(campaign, name, "CONFIRMED", true, now);
        }
        insert(campaign, "Pending Person", "PENDING", false, now);

        Browser browser = leads.signedIn(lead);
        Browser.Page page = Leads.export(browser, campaign.id(), Map.of());
        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/csv"));
        assertTrue(page.header("Content-Disposition").contains("attachment"));
        assertTrue(page.header("Cache-Control").contains("no-store"));
        assertTrue(page.body().startsWith("\uFEFF"), "starts with a byte-order mark for Excel");

        List<CSVRecord> rows = ExportFiles.signers(page.body());
        assertEquals(HOSTILE_NAMES.length, rows.size(), "confirmed only by default");
        List<CSVRecord> canaries = ExportFiles.canaries(page.body(), ExportFiles.DEFAULT_CANARY_DOMAINS);
        assertEquals(2, canaries.size(), "a small export carries two canary rows");
        assertTrue(ExportFiles.rows(page.body()).stream().allMatch(row -> row.get("ref").matches("[A-Z2-7]{26}")),
                "every row has its ref");
        for (int i = 0; i < HOSTILE_NAMES.length; i++) {
            String expected = HOSTILE_NAMES[i];
            char first = expected.charAt(0);
            char firstVisible = expected.strip().charAt(0);
            boolean formula = "\t\r".indexOf(first) >= 0 || "=+-@\uFF1D\uFF0B\uFF0D\uFF20".indexOf(firstVisible) >= 0;
            assertEquals(formula ? "'" + expected : expected, rows.get(i).get("name"), "row " + i);
            assertEquals("'=cmd|' /C calc'!A0", rows.get(i).get("city"));
            assertEquals("confirmed", rows.get(i).get("status"));
            assertEquals("yes", rows.get(i).get("wants_updates"));
        }
        // the record is finished when the stream ends, which can be just after its last byte arrived here
        eventually(Duration.ofSeconds(5), () -> queryLong("SELECT COUNT(*) FROM export_record WHERE campaign_id = ? "
                        + "AND row_count = ? AND outcome = 'COMPLETE' AND account_id = ?", campaign.id(),
                        HOSTILE_NAMES.length, lead.id()) == 1, "the export is on record with its row count");
    }

    @Test
    void filters_choose_status_dates_and_opt_in() {
        Campaign campaign = openCampaign();
        Account lead = leads.leadOf(campaign);
        Instant jan = Instant.parse("2026-01-15T12:00:00Z");
        Instant mar = Instant.parse("2026-03-15T12:00:00Z");
        insert(campaign, "January yes", "CONFIRMED", true, jan);
        insert(campaign, "January no", "CONFIRMED", false, jan);
        insert(campaign, "March yes", "CONFIRMED", true, mar);
        insert(campaign, "March pending", "PENDING", true, mar);
        String token = apiTokens.create(lead.id(), "filters");
        String base = "/api/v1/campaigns/" + campaign.slug() + "/signatures.csv";

        assertEquals(List.of("January yes", "January no", "March yes"), names(leads.api(base, token)));
        assertEquals(List.of("January yes", "January no", "March yes", "March pending"), names(leads.api(base + "?status=all", token)));
        assertEquals(List.of("January yes", "March yes"), names(leads.api(base + "?updates=only", token)));
        assertEquals(List.of("March yes", "March pending"), names(leads.api(base + "?status=all&from=2026-02-01", token)));
        assertEquals(List.of("January yes", "January no"), names(leads.api(base + "?to=2026-01-15", token)));
        assertEquals(List.of("January yes"), names(leads.api(base + "?from=2026-01-15&to=2026-01-15&updates=only", token)));

        HttpResponse<String> bad = leads.api(base + "?from=yesterday", token);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("2027-01-31"), bad.body());
        assertEquals(400, leads.api(base + "?from=2026-03-01&to=2026-01-01", token).statusCode());
        assertEquals(400, leads.api(base + "?status=everything", token).statusCode());

        Browser admin = leads.signedIn(leads.account(Role.ADMIN));
        String exportsPage = admin.get("/admin/exports").body();
        assertTrue(exportsPage.contains(lead.email() + " (api)"), exportsPage);
        assertTrue(exportsPage.contains("only signers who want updates"), exportsPage);
    }

    private static List<String> names(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "not readable by other sites");
        return ExportFiles.signers(response.body()).stream().map(row -> row.get("name")).toList();
    }
}
