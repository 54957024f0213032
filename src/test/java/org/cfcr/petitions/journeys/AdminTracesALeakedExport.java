package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.ApiTokens;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ExportFiles;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin's story: a file of signers leaks, whole or a few rows of it, with or without its refs,
 * and the admin names the export it came from, and so the lead who downloaded it. The canary rows
 * that make this possible never reach a count, a list or an email.
 */
@MicronautTest(transactional = false)
class AdminTracesALeakedExport extends ServiceTest {

    private static final List<String> CANARY_DOMAINS = List.of("canary.example", "post.example");
    private static final String TRACE = "/admin/exports/trace";

    @Inject
    Leads leads;

    @Inject
    ApiTokens apiTokens;

    private Campaign campaign;
    private Account lead;
    private List<String> realEmails;
    private long firstExport;
    private long secondExport;
    private String first;
    private String second;
    private Browser admin;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.exports.canary-domains", String.join(",", CANARY_DOMAINS));
    }

    /**
     * Twelve signers (and some who never confirmed between them, so ids leave gaps), four of whom
     * signed through the form and confirmed; the lead downloads the campaign twice, once from the
     * page and once through the API.
     */
    @BeforeAll
    void a_lead_exports_a_campaign_twice() {
        campaign = openCampaign();
        lead = leads.leadOf(campaign);
        realEmails = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String email = uniqueEmail("signer");
            Browser signer = browser();
            assertEquals(303, signer.confirm(signAndAwaitLink(signer, campaign, "Form Signer " + i, email)).status());
            realEmails.add(email);
        }
        for (int i = 0; i < 8; i++) {
            String email = uniqueEmail("stored");
            signatures(campaign).named("Stored Signer " + i).email(email).showing(PublicDisplay.FULL_NAME)
                    .wantingUpdates(true).in(i % 2 == 0 ? Lang.ZH : Lang.EN).from("CN", "Wuhan").confirmed();
            realEmails.add(email);
            signatures(campaign).named("Never Confirmed " + i).pending();
        }
        Browser browser = leads.signedIn(lead);
        Browser.Page page = Leads.export(browser, campaign.id(), Map.of());
        assertEquals(200, page.status(), page.body());
        first = page.body();
        firstExport = newestExportOf(campaign);
        String token = apiTokens.create(lead.id(), "leak");
        var api = leads.api("/api/v1/campaigns/" + campaign.slug() + "/signatures.csv", token);
        assertEquals(200, api.statusCode(), api.body());
        second = api.body();
        secondExport = newestExportOf(campaign);
        admin = leads.signedIn(leads.account(Role.ADMIN));
    }

    private long newestExportOf(Campaign campaign) {
        return queryLong("SELECT MAX(id) FROM export_record WHERE campaign_id = ?", campaign.id());
    }

    @Test
    void every_export_has_refs_of_its_own_and_canary_rows_no_one_signed() {
        List<CSVRecord> rows = ExportFiles.rows(second);
        List<CSVRecord> canaries = ExportFiles.canaries(second, CANARY_DOMAINS);
        assertEquals(12, rows.size() - canaries.size(), "every confirmed signer, once");
        assertEquals(2, canaries.size(), "two canaries in a small export");
        assertEquals(2, ExportFiles.canaries(first, CANARY_DOMAINS).size());
        for (CSVRecord canary : canaries) {
            assertFalse(ExportFiles.canaries(first, CANARY_DOMAINS).stream()
                    .anyMatch(other -> other.get("email").equals(canary.get("email"))), "each export's canaries are its own");
            assertEquals("confirmed", canary.get("status"));
            assertFalse(canary.get("name").isBlank());
        }
        Map<String, String> firstRefs = new HashMap<>();
        ExportFiles.rows(first).forEach(row -> firstRefs.put(row.get("id"), row.get("ref")));
        for (CSVRecord row : rows) {
            assertTrue(row.get("ref").matches("[A-Z2-7]{26}"), row.get("ref"));
            assertFalse(row.get("ref").equals(firstRefs.get(row.get("id"))), "the same signer's ref differs between exports");
        }
        long previous = 0;
        for (CSVRecord row : rows) {
            long id = Long.parseLong(row.get("id"));
            assertTrue(id > previous, "ids rise through the file, canaries included");
            previous = id;
        }
        assertEquals(12, queryLong("SELECT row_count FROM export_record WHERE id = ?", secondExport),
                "the record counts the real rows");
    }

    @Test
    void three_rows_with_their_refs_name_the_second_export_and_not_the_first() {
        List<CSVRecord> rows = realRows(second);
        String leaked = csv(List.of("id", "name", "email", "ref"), List.of(rows.get(1), rows.get(5), rows.get(9)));
        Browser.Page answer = trace(admin, leaked);
        assertEquals(200, answer.status(), answer.body());
        String text = answer.html().text();
        assertTrue(text.contains("These rows come from export #" + secondExport + "."), text);
        assertFalse(text.contains("Export #" + firstExport + " "), text);
        assertTrue(text.contains("3 (3 by their ref, 0 canary rows)"), text);
        assertTrue(text.contains(lead.email() + " (api)"), "names the lead and the way they downloaded it: " + text);
        assertTrue(text.contains(campaign.slug()));
    }

    @Test
    void rows_without_their_refs_are_named_by_the_canary_among_them() {
        List<CSVRecord> all = ExportFiles.rows(second);
        CSVRecord canary = ExportFiles.canaries(second, CANARY_DOMAINS).get(0);
        List<CSVRecord> leakedRows = new ArrayList<>(realRows(second).subList(0, 2));
        leakedRows.add(canary);
        // no header, no ref, as a spreadsheet user might paste: tab-separated
        StringBuilder pasted = new StringBuilder();
        for (CSVRecord row : leakedRows) {
            pasted.append(row.get("name")).append('\t').append(row.get("email")).append('\t').append(row.get("country"))
                    .append("\r\n");
        }
        assertTrue(all.size() > leakedRows.size());
        String text = trace(admin, pasted.toString()).html().text();
        assertTrue(text.contains("These rows come from export #" + secondExport + "."), text);
        assertTrue(text.contains("1 (0 by their ref, 1 canary rows)"), text);

        // the canary's address alone is enough
        String alone = trace(admin, canary.get("email")).html().text();
        assertTrue(alone.contains("These rows come from export #" + secondExport + "."), alone);
    }

    @Test
    void rows_that_lost_refs_and_canaries_get_the_exports_that_could_have_held_them() {
        List<CSVRecord> rows = realRows(second);
        String leaked = csv(List.of("name", "email"), List.of(rows.get(0), rows.get(3), rows.get(7)));
        Browser.Page answer = trace(admin, leaked);
        assertEquals(200, answer.status(), answer.body());
        String text = answer.html().text();
        assertTrue(text.contains("No row carries a ref, and none is a canary row. 3 of the rows name a signer we know."), text);
        assertTrue(text.contains("Export #" + secondExport + " Could hold 3 of the 3 signers found"), text);
        assertTrue(text.contains("Export #" + firstExport + " Could hold 3 of the 3 signers found"),
                "the first export could have held them too: " + text);
        assertTrue(text.contains("not proof"), text);
    }

    @Test
    void the_whole_file_uploaded_names_its_export() {
        byte[] file = second.getBytes(StandardCharsets.UTF_8);
        Browser.Page page = admin.get(TRACE);
        Browser.Page answer = admin.postMultipart(TRACE, form(page.csrfToken(), ""),
                new Browser.FilePart("file", "leak.csv", "text/csv", file));
        assertEquals(200, answer.status(), answer.body());
        String text = answer.html().text();
        assertTrue(text.contains("These rows come from export #" + secondExport + "."), text);
        assertTrue(text.contains("14 rows read; 14 carry the mark of an export."), text);

        // as a spreadsheet saves it: UTF-16 with tabs
        StringBuilder tabs = new StringBuilder("\uFEFF");
        for (String line : second.substring(1).split("\r\n")) {
            tabs.append(String.join("\t", parseLine(line))).append("\r\n");
        }
        Browser.Page utf16 = admin.postMultipart(TRACE, form(admin.get(TRACE).csrfToken(), ""),
                new Browser.FilePart("file", "leak.txt", "text/plain", tabs.toString().getBytes(StandardCharsets.UTF_16LE)));
        assertTrue(utf16.html().text().contains("These rows come from export #" + secondExport + "."), utf16.body());
    }

    @Test
    void canary_rows_reach_no_count_list_api_or_email() {
        List<String> canaries = new ArrayList<>();
        for (String file : List.of(first, second)) {
            ExportFiles.canaries(file, CANARY_DOMAINS).forEach(row -> canaries.add(row.get("email")));
        }
        List<String> names = new ArrayList<>();
        for (String file : List.of(first, second)) {
            ExportFiles.canaries(file, CANARY_DOMAINS).forEach(row -> names.add(row.get("name")));
        }
        assertEquals(4, canaries.size());
        awaitCount(campaign, 4);
        for (String email : canaries) {
            assertEquals(0, queryLong("SELECT COUNT(*) FROM signature WHERE email = ?", email), "never a signature");
        }
        String api = browser().get("/api/v1/campaigns/" + campaign.slug()).body();
        assertTrue(api.contains("\"signatureCount\":4"), api);
        String list = browser().get("/api/v1/campaigns/" + campaign.slug() + "/signers?size=100").body();
        assertTrue(list.contains("\"total\":4"), list);
        List<String> pages = List.of(list, browser().get("/campaigns/" + campaign.slug() + "/signers").body(),
                browser().get("/campaigns/" + campaign.slug() + "/signers.csv").body(),
                browser().get("/campaigns/" + campaign.slug() + "/signers.json").body(),
                browser().get("/campaigns/" + campaign.slug() + "/press").body());
        for (String page : pages) {
            for (String name : names) {
                assertFalse(page.contains(name), "no canary in the public list: " + name);
            }
        }

        // an update goes to the signers who asked for it, and to no canary
        Browser browser = leads.signedIn(lead);
        String campaignPage = "/admin/campaigns/" + campaign.id();
        assertEquals(303, Leads.submit(browser, campaignPage, campaignPage + "/updates", Map.of("titleEn", "Delivered",
                "titleZh", "已递交", "bodyEn", "Thank you.", "bodyZh", "谢谢。")).status());
        eventually(java.time.Duration.ofSeconds(15), () -> browser.get(campaignPage).body().contains("sent to 8 signers"),
                "the update is sent to the eight who asked");
        awaitMailSettled(campaign);
        for (String email : canaries) {
            assertEquals(List.of(), TestMailServer.messagesTo(email), "no email to a canary");
        }
    }

    @Test
    void only_admins_trace_and_every_lookup_is_in_the_audit_log() {
        Browser asLead = leads.signedIn(lead);
        assertEquals(403, asLead.get(TRACE).status());
        String csrf = asLead.get("/admin").csrfToken();
        Browser.Page refused = asLead.postMultipart(TRACE, form(csrf, realRows(second).get(0).get("ref")));
        assertEquals(403, refused.status());
        assertTrue(refused.html().text().contains("Only admins can open this page."), refused.body());
        assertEquals(303, browser().get(TRACE).status(), "signed out: to the login");

        Account tracer = leads.account(Role.ADMIN);
        Browser browser = leads.signedIn(tracer);
        trace(browser, realRows(second).get(0).get("ref"));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM audit_event WHERE account_id = ? AND action = 'export.traced' "
                + "AND campaign_id = ? AND detail LIKE ?", tracer.id(), campaign.id(), "1 rows read; named export #"
                + secondExport + " (1 rows: 1 by ref, 0 canaries)"));
        assertTrue(browser.get("/admin/audit").body().contains("export.traced"));
        assertTrue(browser.get("/admin/exports").body().contains("href=\"/admin/exports/trace\""));
    }

    @Test
    void what_cannot_be_traced_gets_a_clear_refusal_in_both_languages() {
        Browser.Page empty = trace(admin, "   ");
        assertEquals(422, empty.status());
        assertTrue(empty.html().text().contains("Paste some rows of the file, or choose the file."), empty.body());

        Browser.Page nothing = trace(admin, "hello,world\nno,rows,here");
        assertEquals(422, nothing.status());
        assertTrue(nothing.html().text().contains("Nothing here looks like rows of an export"), nothing.body());
        assertTrue(nothing.html().selectFirst("textarea").text().contains("no,rows,here"), "what was pasted is kept to correct");

        Browser zh = leads.signedIn(leads.account(Role.ADMIN));
        zh.get("/admin?lang=zh");
        Browser.Page chinese = trace(zh, "hello");
        assertEquals(422, chinese.status());
        assertTrue(chinese.html().text().contains("这里没有任何内容像是导出文件中的行"), chinese.body());

        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        Browser.Page junk = admin.postMultipart(TRACE, form(admin.get(TRACE).csrfToken(), ""),
                new Browser.FilePart("file", "junk.bin", "application/octet-stream", binary));
        assertEquals(422, junk.status(), junk.body());

        Browser.Page unknown = trace(admin, "nobody-" + System.nanoTime() + "@example.org");
        assertEquals(200, unknown.status(), "rows that look right but match nothing are an answer, not an error");
        assertTrue(unknown.html().text().contains("No export on record could have held them."), unknown.body());
    }

    @Test
    void the_form_keeps_its_csrf_check_and_hostile_input_never_breaks_the_page() {
        Browser.Page noToken = admin.postMultipart(TRACE, Map.of("rows", realRows(second).get(0).get("ref")));
        assertEquals(403, noToken.status());
        Browser.Page wrongToken = admin.postMultipart(TRACE, form("forged", realRows(second).get(0).get("ref")));
        assertEquals(403, wrongToken.status());
        String csrf = admin.get(TRACE).csrfToken();
        assertEquals(403, admin.post(TRACE, "multipart/form-data; boundary=nothing", "csrfToken=" + csrf).status(),
                "a body that is not the multipart it says refuses, as any unreadable form");
        assertEquals(403, admin.post(TRACE, "multipart/form-data", "--x\r\n").status());
        assertTrue(admin.postForm(TRACE, Map.of("csrfToken", csrf, "rows", "x")).status() < 500);

        byte[] tooLarge = new byte[300_000];
        java.util.Arrays.fill(tooLarge, (byte) 'a');
        try {
            Browser.Page large = admin.postMultipart(TRACE, form(csrf, ""),
                    new Browser.FilePart("file", "big.csv", "text/csv", tooLarge));
            assertEquals(413, large.status());
            assertTrue(large.html().text().contains("too large"), large.body());
        } catch (IllegalStateException closedEarly) {
            // the server may close the connection before the client has sent all of the body
            assertEquals(200, admin.get(TRACE).status(), "the server serves on");
        }

        for (String value : AttackerSendsHostileInput.CORPUS) {
            Browser.Page page = trace(admin, value);
            assertTrue(page.status() < 500, value + ": " + page.status());
            for (String markup : AttackerSendsHostileInput.MARKUP) {
                assertFalse(page.body().contains(markup), "echoed unescaped: " + markup);
            }
        }
    }

    // ---- helpers

    private static Map<String, String> form(String csrf, String rows) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrfToken", csrf);
        form.put("rows", rows);
        return form;
    }

    /** Pastes the text into the form and sends it. */
    private static Browser.Page trace(Browser browser, String rows) {
        Browser.Page page = browser.get(TRACE);
        assertEquals(200, page.status(), page.body());
        return browser.postMultipart(TRACE, form(page.csrfToken(), rows));
    }

    private static List<CSVRecord> realRows(String file) {
        return ExportFiles.rows(file).stream().filter(row -> !ExportFiles.isCanary(row, CANARY_DOMAINS)).toList();
    }

    /** Some columns of some rows, with their header, as a leaker might save them. */
    private static String csv(List<String> columns, List<CSVRecord> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(columns);
            for (CSVRecord row : rows) {
                printer.printRecord(columns.stream().map(row::get).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> parseLine(String line) {
        try {
            return CSVFormat.DEFAULT.parse(new java.io.StringReader(line)).getRecords().get(0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
