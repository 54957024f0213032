package org.cfcr.petitions.kernel.secret;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without a master secret (the embedded default, or a deployment that has not set one yet), each key is
 * made and stored the first time it is needed. The confirm page is where the reference-code key is
 * first needed on a new database, and it reads in a read-only transaction: the key's insert was
 * refused there, and every confirm page answered 500 until some write made the key.
 */
@MicronautTest(transactional = false)
class KeyFirstNeededOnAPageTest extends ServiceTest {

    private static final String REFERENCE_CODE_KEY = "reference-code";
    private static final Pattern REFERENCE_CODE = Pattern.compile("\\b[0-9A-Z]{4}-[0-9A-Z]{4}\\b");

    @Test
    void a_confirm_page_that_first_needs_a_key_makes_it_and_shows() {
        Instant now = Instant.now();
        // discreet, as every new campaign is: its confirm page shows the signer's reference code
        Campaign campaign = campaigns.save(new Campaign(null, "discreet-" + UUID.randomUUID().toString().substring(0, 8),
                CampaignState.OPEN, 1000, null, null, "Release the prisoners", "释放囚犯", "A summary", "摘要",
                "First paragraph.", "第一段。", "The Government", "政府", true, now, now));
        long signature = signatures(campaign).named("Lin Wei").pending();
        String token = SecretTokens.newToken();
        transactions.executeWrite(status -> {
            signatureStore.insertConfirmationTokens(List.<Object[]>of(
                    new Object[]{SecretTokens.hash(token), signature, null, now, now.plus(Duration.ofDays(1))}));
            return null;
        });
        // a database that never needed the key: this node has not needed it either since it started
        execute("DELETE FROM app_secret WHERE name = ?", REFERENCE_CODE_KEY);

        Browser.Page page = browser().get("/confirm/" + token);

        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("L. W."), "the page previews the signature as the link publishes it");
        assertTrue(REFERENCE_CODE.matcher(page.body()).find(), "with the signer's reference code");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM app_secret WHERE name = ?", REFERENCE_CODE_KEY));
        assertEquals(200, browser().get("/confirm/" + token).status(), "the key made is the one used next");
    }
}
