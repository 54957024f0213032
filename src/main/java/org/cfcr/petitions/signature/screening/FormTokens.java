package org.cfcr.petitions.signature.screening;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SharedSecrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sign form carries the moment it was shown, signed with a key shared by every node, so that
 * the moment it comes back tells how long it took to fill in. A person needs seconds; a script
 * posting straight away gives itself away. The token is also what the proof of work is built on.
 */
@Singleton
public class FormTokens {

    private static final String KEY = "form";

    private final SharedSecrets secrets;
    private final Clock clock;

    public FormTokens(SharedSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    public String issue(long campaignId) {
        String payload = campaignId + "." + Instant.now(clock).toEpochMilli();
        return payload + "." + secrets.sign(KEY, payload);
    }

    /** How long ago the token was issued for this campaign, or empty when it is not ours. */
    public Optional<Duration> age(String token, long campaignId) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !parts[0].equals(Long.toString(campaignId)) || !parts[1].matches("\\d{1,15}")) {
            return Optional.empty();
        }
        if (!secrets.verifies(KEY, parts[0] + "." + parts[1], parts[2])) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(Instant.ofEpochMilli(Long.parseLong(parts[1])), Instant.now(clock)));
    }
}
