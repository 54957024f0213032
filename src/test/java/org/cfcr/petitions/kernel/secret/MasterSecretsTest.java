package org.cfcr.petitions.kernel.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the keys are kept in the database instead: only when no master secret is asked for, outside production. */
class MasterSecretsTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void without_any_setting_outside_production_the_database_keeps_the_keys() {
        assertFalse(new MasterSecrets(new MasterSecretSettings(null, "", null, ""), false).configured());
    }

    @Test
    void a_named_file_that_is_missing_is_refused_even_outside_production(@TempDir Path folder) {
        String missing = folder.resolve("master.key").toString();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new MasterSecrets(new MasterSecretSettings(null, missing, null, null), false));
        assertTrue(refused.getMessage().contains(missing + " does not exist"), refused.getMessage());
    }

    @Test
    void the_current_secret_comes_first_then_the_previous_one() {
        String previous = Base64.getEncoder().encodeToString(new byte[40]);
        MasterSecrets secrets = new MasterSecrets(new MasterSecretSettings(SECRET, null, previous, null), true);
        assertEquals(32, secrets.currentThenPrevious().get(0).length);
        assertEquals(40, secrets.currentThenPrevious().get(1).length);
    }
}
