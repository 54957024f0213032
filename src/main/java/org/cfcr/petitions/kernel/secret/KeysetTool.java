package org.cfcr.petitions.kernel.secret;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a new personal-data keyset (printed, for deploy/make-secrets), or rotates one: adds a fresh AES-256-GCM key and makes it the one new values
 * are sealed with, keeping the older keys so that what they sealed still opens. Restart the
 * nodes with the new file; the re-sealing job then moves every row to the new key, after which
 * an older key can be removed (README, 'Keys').
 *
 * <pre>java -cp petitions.jar org.cfcr.petitions.kernel.secret.KeysetTool new &gt; personal-data.json
 * java -cp petitions.jar org.cfcr.petitions.kernel.secret.KeysetTool rotate data/keys/personal-data.json</pre>
 */
public final class KeysetTool {

    private KeysetTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("new")) {
            AeadConfig.register();
            System.out.println(TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get()));
            return;
        }
        if (args.length != 2 || !args[0].equals("rotate")) {
            System.err.println("usage: KeysetTool new | KeysetTool rotate KEYSET_FILE");
            System.exit(64);
        }
        Path file = Path.of(args[1]);
        String rotated = rotate(Files.readString(file));
        SecretSource.writeSecret(file, rotated);
        System.out.println("New primary key: " + TinkJsonProtoKeysetFormat.parseKeyset(rotated,
                InsecureSecretKeyAccess.get()).getPrimary().getId() + " (restart the nodes to use it)");
    }

    /** The keyset with a new primary key added. */
    public static String rotate(String keysetJson) throws Exception {
        AeadConfig.register();
        KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
        builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId().setStatus(KeyStatus.ENABLED).makePrimary());
        return TinkJsonProtoKeysetFormat.serializeKeyset(builder.build(), InsecureSecretKeyAccess.get());
    }
}
