package org.cfcr.petitions.kernel.secret;

import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a key kept outside the database comes from: given in full (from a secret store, through
 * the environment), or else read from a file that only the service can read. One loader for every
 * such key, so each says the same things when one is missing or too short.
 */
public final class SecretSource {

    private SecretSource() {
    }

    /** The secret given in full, else the file's content; empty when neither is named or the file does not exist. */
    public static Optional<String> read(@Nullable String inFull, @Nullable String file) {
        if (!blank(inFull)) {
            return Optional.of(inFull.strip());
        }
        if (blank(file) || !Files.exists(Path.of(file))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(file)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + file, e);
        }
    }

    /**
     * Random bytes given in base64, at least {@code minBytes} of them.
     *
     * @param setting what to name in the message when the text is not such a key
     */
    public static byte[] base64Key(String text, int minBytes, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64; make one with: openssl rand -base64 32");
        }
        if (key.length < minBytes) {
            throw new IllegalStateException(setting + " must be at least " + minBytes
                    + " random bytes in base64; make one with: openssl rand -base64 32");
        }
        return key;
    }

    /**
     * Written readable by its owner only: a new file is made with those permissions (not narrowed
     * after writing, which would leave it readable for a moment); an existing one (a rotated keyset)
     * keeps its own. On a file system without POSIX permissions, the directory's protection has to do.
     */
    public static void writeSecret(Path file, String content) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (Files.exists(file)) {
            Files.writeString(file, content);
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // Windows and other non-POSIX file systems: the file takes its directory's access list
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
