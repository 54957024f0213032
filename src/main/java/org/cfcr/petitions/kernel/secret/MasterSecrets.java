package org.cfcr.petitions.kernel.secret;

import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured master secrets: the current one, which signs, and the previous one, which is
 * still believed while what it signed is in flight. Without any (outside production only), the
 * keys are kept in the database instead ({@link SharedSecrets}).
 */
@Singleton
public class MasterSecrets {

    /** 256 bits: the keys derived from it are HMAC-SHA256 keys. */
    public static final int MIN_BYTES = 32;

    private final List<byte[]> secrets;

    @Inject
    MasterSecrets(MasterSecretSettings settings, Environment environment) {
        this(settings, environment.getActiveNames().contains("prod"));
    }

    public MasterSecrets(MasterSecretSettings settings, boolean production) {
        Optional<String> current = SecretSource.read(settings.master(), settings.masterFile());
        Optional<String> previous = SecretSource.read(settings.previous(), settings.previousFile());
        // a file named but missing is a mistake to show, never a reason to fall back to the database's keys
        if (current.isEmpty() && (production || previous.isPresent() || !SecretSource.blank(settings.masterFile()))) {
            throw new IllegalStateException(missing(settings.masterFile()));
        }
        if (previous.isEmpty() && !SecretSource.blank(settings.previousFile())) {
            throw new IllegalStateException("MASTER_SECRET_PREVIOUS_FILE names " + settings.previousFile()
                    + ", which does not exist");
        }
        List<byte[]> keys = new ArrayList<>();
        current.ifPresent(text -> keys.add(SecretSource.base64Key(text, MIN_BYTES, "MASTER_SECRET")));
        previous.ifPresent(text -> keys.add(SecretSource.base64Key(text, MIN_BYTES, "MASTER_SECRET_PREVIOUS")));
        this.secrets = List.copyOf(keys);
    }

    /** Whether a master secret is configured (else the keys are kept in the database). */
    public boolean configured() {
        return !secrets.isEmpty();
    }

    /** The current secret first, then the previous one if any. */
    List<byte[]> currentThenPrevious() {
        return secrets;
    }

    static String missing(@Nullable String file) {
        return "No MASTER_SECRET: set MASTER_SECRET or MASTER_SECRET_FILE to at least " + MIN_BYTES
                + " random bytes in base64 (openssl rand -base64 32), the same on every node"
                + (SecretSource.blank(file) ? "" : "; " + file + " does not exist");
    }
}
