package org.cfcr.petitions.update;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SharedSecrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One-click unsubscribe links: the signature id signed with a shared signing key
 * (links signed before a rotation of the master secret keep working while the previous one is configured).
 * Nothing is stored per email (a mailing to 100,000 people writes no 100,000 tokens), the link
 * cannot be forged for another signer, and using it twice does the same as once.
 */
@Singleton
public class UnsubscribeLinks {

    private static final Pattern SHAPE = Pattern.compile("([0-9]{1,19})\\.([A-Za-z0-9_-]{22})");

    private static final String KEY = "unsubscribe";

    private final SharedSecrets secrets;

    UnsubscribeLinks(SharedSecrets secrets) {
        this.secrets = secrets;
    }

    public String token(long signatureId) {
        return signatureId + "." + mac(signatureId);
    }

    /** The signature a genuine token names. */
    public Optional<Long> signatureId(String token) {
        Matcher matcher = token == null ? null : SHAPE.matcher(token);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] given = matcher.group(2).getBytes(StandardCharsets.US_ASCII);
        boolean genuine = false;
        for (String signature : secrets.signatures(KEY, message(id))) {
            genuine |= MessageDigest.isEqual(shortened(signature).getBytes(StandardCharsets.US_ASCII), given);
        }
        return genuine ? Optional.of(id) : Optional.empty();
    }

    private String mac(long signatureId) {
        return shortened(secrets.sign(KEY, message(signatureId)));
    }

    private static String message(long signatureId) {
        return "unsubscribe:" + signatureId;
    }

    /** The first 132 bits of the HMAC: plenty against guessing, and a short link. */
    private static String shortened(String signature) {
        return signature.substring(0, 22);
    }
}
