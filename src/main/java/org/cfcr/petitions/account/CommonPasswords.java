package org.cfcr.petitions.account;

import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The passwords attackers try first: nbvcxz 1.5.1's list of the 100,000 most common ones (its
 * {@code dictionaries/passwords.txt}, from leaked password sets), shipped inside that library's jar.
 * A new password may not be one of them (in any case), nor one of them with digits, spaces or signs
 * before or after it ({@code Qwerty123456!}, {@code iloveyou2024}), the first variations a guesser
 * tries.
 * <p>
 * Kept as a sorted array of 64-bit hashes of the lower-cased entries: 0.8 MB of heap, read on the
 * first check (about 0.35 s, once: new passwords are rare, and start-up stays as fast), where the
 * library's own estimator would hold 19 MB and take 2 s to start. A check takes a few microseconds.
 * Two different passwords share a hash with a chance of about one in 10^14 per check.
 */
@Singleton
class CommonPasswords {

    static final String LIST = "dictionaries/passwords.txt";

    /** Loaded by the first check, once, by the class loader's lock. */
    private static final class Loaded {
        static final long[] HASHES = load();
    }

    /** Whether the password is on the list, or is a listed one with digits or signs around it. */
    boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (contains(lower)) {
            return true;
        }
        String core = withoutNonLettersAround(lower);
        return !core.isEmpty() && !core.equals(lower) && contains(core);
    }

    int size() {
        return Loaded.HASHES.length;
    }

    private boolean contains(String lower) {
        return Arrays.binarySearch(Loaded.HASHES, hash(lower)) >= 0;
    }

    private static String withoutNonLettersAround(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetter(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static long[] load() {
        InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(LIST);
        if (in == null) {
            throw new IllegalStateException("The list of common passwords (" + LIST + " in me.gosimple:nbvcxz) is missing");
        }
        long[] loaded = new long[120_000];
        int count = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    continue;
                }
                if (count == loaded.length) {
                    loaded = Arrays.copyOf(loaded, count * 2);
                }
                loaded[count++] = hash(line.toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] sorted = Arrays.copyOf(loaded, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** FNV-1a, 64 bits, over the UTF-16 units: fast, and spread enough for a set this small. */
    private static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
