package org.cfcr.petitions.admin;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.SignatureBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@io.micronaut.test.extensions.junit5.annotation.MicronautTest(transactional = false)
class ExportTest extends AdminTest {

    private static final String[] HOSTILE_NAMES = {
            "刘晓波", "Smith, John", "Say \"hello\"", "line one\nline two", "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn", "Ordinary Name"};

    private long insert(Campaign campaign, String name, String status, boolean updates, Instant created) {
        SignatureBuilder signature = signatures(campaign).named(name).email(uniqueEmail("export"))
                .from("CN", "=cmd|' /C calc'!A0").showing(PublicDisplay.FULL_NAME).wantingUpdates(updates).in(Lang.ZH)
                .at(created);
        return "CONFIRMED".equals(status) ? signature.confirmed() : signature.pending();
    }

    @Test
    void exports_every_confirmed_signature_exactly_and_safely() throws IOException {
        Campaign campaign = openCampaign();
        Account lead = leadOf(campaign);
        Instant now = Instant.now();
        for (String name : HOSTILE_NAMES) {
            insert(campaign, name, "CONFIRMED", true, now);
        }
        insert(campaign, "Pending Person", "PENDING", false, now);

        Browser browser = signedIn(lead);
        Browser.Page page = browser.get("/admin/campaigns/" + campaign.id() + "/export.csv");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/csv"));
        assertTrue(page.header("Content-Disposition").contains("attachment"));
        assertTrue(page.header("Cache-Control").contains("no-store"));
        assertTrue(page.body().startsWith("\uFEFF"), "starts with a byte-order mark for Excel");

        List<CSVRecord> rows = parse(page.body());
        assertEquals(HOSTILE_NAMES.length, rows.size(), "confirmed only by default");
        for (int i = 0; i < HOSTILE_NAMES.length; i++) {
            String expected = HOSTILE_NAMES[i];
            char first = expected.charAt(0);
            boolean formula = "=+-@\t\r".indexOf(first) >= 0;
            assertEquals(formula ? "'" + expected : expected, rows.get(i).get("name"), "row " + i);
            assertEquals("'=cmd|' /C calc'!A0", rows.get(i).get("city"));
            assertEquals("confirmed", rows.get(i).get("status"));
            assertEquals("yes", rows.get(i).get("wants_updates"));
        }
        long records = queryLong("SELECT COUNT(*) FROM export_record WHERE campaign_id = ? AND row_count = ? "
                + "AND outcome = 'COMPLETE' AND account_id = ?", campaign.id(), HOSTILE_NAMES.length, lead.id());
        assertEquals(1, records, "the export is on record with its row count");
    }

    @Test
    void filters_choose_status_dates_and_opt_in() throws IOException {
        Campaign campaign = openCampaign();
        Account lead = leadOf(campaign);
        Instant jan = Instant.parse("2026-01-15T12:00:00Z");
        Instant mar = Instant.parse("2026-03-15T12:00:00Z");
        insert(campaign, "January yes", "CONFIRMED", true, jan);
        insert(campaign, "January no", "CONFIRMED", false, jan);
        insert(campaign, "March yes", "CONFIRMED", true, mar);
        insert(campaign, "March pending", "PENDING", true, mar);
        String token = apiTokens.create(lead.id(), "filters");
        String base = "/api/v1/campaigns/" + campaign.slug() + "/signatures.csv";

        assertEquals(List.of("January yes", "January no", "March yes"), names(api(base, token)));
        assertEquals(List.of("January yes", "January no", "March yes", "March pending"), names(api(base + "?status=all", token)));
        assertEquals(List.of("January yes", "March yes"), names(api(base + "?updates=only", token)));
        assertEquals(List.of("March yes", "March pending"), names(api(base + "?status=all&from=2026-02-01", token)));
        assertEquals(List.of("January yes", "January no"), names(api(base + "?to=2026-01-15", token)));
        assertEquals(List.of("January yes"), names(api(base + "?from=2026-01-15&to=2026-01-15&updates=only", token)));

        HttpResponse<String> bad = api(base + "?from=yesterday", token);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("2027-01-31"), bad.body());
        assertEquals(400, api(base + "?from=2026-03-01&to=2026-01-01", token).statusCode());
        assertEquals(400, api(base + "?status=everything", token).statusCode());

        Browser admin = signedIn(account(Role.ADMIN));
        String exportsPage = admin.get("/admin/exports").body();
        assertTrue(exportsPage.contains(lead.email() + " (api)"), exportsPage);
        assertTrue(exportsPage.contains("only signers who want updates"), exportsPage);
    }

    private static List<String> names(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "not readable by other sites");
        try {
            return parse(response.body()).stream().map(row -> row.get("name")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CSVRecord> parse(String body) throws IOException {
        String withoutBom = body.startsWith("\uFEFF") ? body.substring(1) : body;
        try (CSVParser parser = CSVParser.parse(new StringReader(withoutBom),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

}
