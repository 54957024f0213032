package org.cfcr.petitions.signature;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.secret.KeysetTool;
import org.cfcr.petitions.kernel.secret.PersonalDataCipher;
import org.cfcr.petitions.kernel.secret.PersonalDataSettings;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A key rotation as an operator runs it: KeysetTool adds a key to the file, the nodes restart with
 * it, and the re-sealing job moves every row to the new key; what was sealed before still opens
 * throughout, and the service signs the way it did.
 */
@MicronautTest(transactional = false)
class PersonalDataRotationTest extends ServiceTest {

    @Inject
    Sql sql;

    @Inject
    PersonalDataCipher current;

    @Test
    void rows_sealed_with_the_old_key_open_after_a_rotation_and_are_moved_to_the_new_key(@TempDir Path keys)
            throws Exception {
        Campaign campaign = openCampaign();
        signatures(campaign).email(uniqueEmail("before-rotation")).named("Before Rotation").from("HK", "Hong Kong").confirmed();
        signatures(campaign).email(uniqueEmail("also-before")).named("刘晓波").confirmed();
        List<Long> ids = queryLongs("SELECT id FROM signature WHERE campaign_id = ? ORDER BY id", campaign.id());

        Path keyset = keys.resolve("personal-data.json");
        Files.writeString(keyset, KeysetTool.rotate(Files.readString(Path.of("target/test-keys/personal-data.json"))));
        PersonalDataCipher rotated = new PersonalDataCipher(new PersonalDataSettings(null, keyset.toString(), null,
                "target/test-keys/index.key"), false);
        assertNotEquals(current.keyId(), rotated.keyId(), "the new key is the primary one");
        SignatureStore afterRestart = new SignatureStore(sql, rotated);

        Map<Long, Signature> read = transactions.executeRead(status -> afterRestart.findAll(ids));
        assertEquals("Before Rotation", read.get(ids.get(0)).name(), "the old key still opens what it sealed");

        transactions.executeWrite(status -> afterRestart.resealAfter(ids.get(0) - 1, 100));
        assertEquals(2, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND key_id = ?",
                campaign.id(), rotated.keyId()), "every row moved to the new key");
        Map<Long, Signature> resealed = transactions.executeRead(status -> afterRestart.findAll(ids));
        assertEquals("Hong Kong", resealed.get(ids.get(0)).city());
        assertEquals("刘晓波", resealed.get(ids.get(1)).name());
        assertEquals(java.util.HexFormat.of().formatHex(signatureStore.mailboxKey(new EmailAddress(resealed.get(ids.get(0)).email()))),
                java.util.HexFormat.of().formatHex(afterRestart.mailboxKey(new EmailAddress(resealed.get(ids.get(0)).email()))),
                "the mailbox hash does not depend on the sealing key");
    }
}
