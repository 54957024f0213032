package org.cfcr.petitions.journeys;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.PersonalDataResealing;
import org.cfcr.petitions.signature.SigningSettings;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thief walks off with a dump of the database. Signers' names, email addresses and cities are
 * sealed with keys that are not in it, and a person is found by a keyed hash of their mailbox, so
 * the dump names no one; the service, holding the keys, still shows and sends everything as before.
 */
@MicronautTest(transactional = false)
class ThiefStealsTheDatabase extends ServiceTest {

    @Inject
    PersonalDataResealing resealing;

    @Inject
    SigningSettings signing;

    @Test
    void a_dump_of_the_database_holds_no_signers_name_address_or_city_in_clear() throws Exception {
        Campaign campaign = openCampaign();
        String mark = UUID.randomUUID().toString().substring(0, 8);
        String confirmedEmail = "zhuang.xiaoming." + mark + "@example.org";
        String confirmedName = "Zhuang Xiaoming " + mark;
        String chineseName = "庄晓明" + mark;
        String city = "Chengdu" + mark;
        Browser browser = browser();
        Map<String, String> form = signer(confirmedName, confirmedEmail);
        form.put("city", city);
        browser.confirm(signAndLink(browser, campaign, form));
        Map<String, String> chinese = signer(chineseName, "liu." + mark + "@example.org");
        chinese.put("city", "成都" + mark);
        browser.confirm(signAndLink(browser, campaign, chinese));
        String pendingEmail = "pending." + mark + "@example.org";
        signAndLink(browser, campaign, signer("Pending " + mark, pendingEmail));
        clock.advance(signing.resendInterval());
        Map<String, String> repeat = signer("Repeat " + mark, pendingEmail.replace("@", "+again@"));
        repeat.put("city", "Lhasa" + mark);
        browser.sign(campaign.slug(), repeat);
        awaitMailSettled(campaign);

        String dump = dumpOfEveryTable();
        for (String secret : List.of(confirmedEmail, "zhuang.xiaoming." + mark, confirmedName, "Xiaoming " + mark,
                chineseName, city, "成都" + mark, pendingEmail, "Pending " + mark, "Repeat " + mark, "Lhasa" + mark)) {
            assertFalse(dump.contains(secret), "the dump holds " + secret);
        }
        assertFalse(dump.contains(hex(sha256(confirmedEmail))), "the dump holds an unkeyed hash of an address");

        eventually(Duration.ofSeconds(5), () -> browser.get("/campaigns/" + campaign.slug() + "/signers").body()
                .contains(confirmedName), "the service, holding the keys, still lists the signer");
        assertTrue(browser.get("/api/v1/campaigns/" + campaign.slug() + "/signers").body().contains(city));
        assertTrue(browser.get("/campaigns/" + campaign.slug() + "/signers").body().contains(chineseName));
    }

    @Test
    void signatures_stored_before_encryption_are_sealed_and_their_signers_still_recognised() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("before-the-upgrade");
        // a row as the service wrote it before V20: clear details, no key, an unkeyed mailbox hash
        execute("INSERT INTO signature (campaign_id, email_key, email, name, country, city, public_display, email_updates, "
                        + "lang, status, created_at, confirmed_at, last_emailed_at, emails_sent) "
                        + "VALUES (?, ?, ?, 'Old Signer', 'HK', 'Kowloon', 'FULL_NAME', FALSE, 'en', 'CONFIRMED', ?, ?, ?, 1)",
                campaign.id(), sha256(email), email, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now().minus(Duration.ofDays(1))));

        resealing.resealAll();

        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND key_id IS NOT NULL "
                + "AND email_domain IS NOT NULL AND email <> ? AND name <> 'Old Signer' AND city <> 'Kowloon'",
                campaign.id(), email), "sealed, with its domain hash");
        browser().sign(campaign.slug(), signer("Old Signer", email));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ?", campaign.id()),
                "the signer is recognised by the keyed mailbox hash: still one signature");
        TestMailServer.Mail notice = TestMailServer.awaitMessage(email);
        assertTrue(notice.text().contains("already confirmed"), notice.text());
    }

    private String signAndLink(Browser browser, Campaign campaign, Map<String, String> form) {
        browser.sign(campaign.slug(), form);
        return confirmLink(TestMailServer.awaitMessage(form.get("email")));
    }

    /** Every value of every table, as text, the way a dump would spill it (binary columns as bytes and as hex). */
    private String dumpOfEveryTable() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = meta.getTables(connection.getCatalog(), null, "%", new String[]{"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.contains("signature"), tables.toString());
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] bytes = rows.getBytes(i);
                            if (bytes != null) {
                                dump.append(new String(bytes, StandardCharsets.UTF_8)).append('\t')
                                        .append(HexFormat.of().formatHex(bytes)).append('\t');
                            }
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    private static byte[] sha256(String email) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
