package org.cfcr.petitions.signature;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignRepository;
import org.cfcr.petitions.count.CountDeltas;
import org.cfcr.petitions.db.Sql;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A signer removes their signature with the link in any of our emails. A counted signature leaves
 * the count (a -1 delta, so the total and its country go down) and the public list; in every case
 * the name, email address and city are erased at once, and the links die with them. The row stays,
 * emptied, so that counts and the outbox keep their references.
 */
@Singleton
public class WithdrawalService {

    public enum State { READY, WITHDRAWN_NOW, UNKNOWN }

    public record Result(State state, Campaign campaign) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final CampaignRepository campaigns;
    private final CountDeltas counts;
    private final Clock clock;

    public WithdrawalService(Sql sql, CampaignRepository campaigns, CountDeltas counts, Clock clock) {
        this.sql = sql;
        this.campaigns = campaigns;
        this.counts = counts;
        this.clock = clock;
    }

    private record Target(long signatureId, SignatureStatus status, String country, long campaignId, boolean held) {
        boolean counted() {
            return status == SignatureStatus.CONFIRMED && !held;
        }
    }

    @Transactional(readOnly = true)
    public Result inspect(String token) {
        return find(token, false)
                .map(target -> new Result(State.READY, campaigns.findById(target.campaignId()).orElse(null)))
                .orElseGet(() -> new Result(State.UNKNOWN, null));
    }

    @Transactional
    public Result withdraw(String token) {
        Optional<Target> found = find(token, true);
        if (found.isEmpty()) {
            return new Result(State.UNKNOWN, null);
        }
        Target target = found.get();
        Instant now = Instant.now(clock);
        if (target.counted()) {
            counts.record(target.campaignId(), target.country(), -1, now);
        }
        byte[] freshKey = new byte[32];
        RANDOM.nextBytes(freshKey); // frees the address: its owner may sign again later
        sql.update("UPDATE signature SET status = ?, name = '', email = '', city = NULL, email_updates = FALSE, "
                + "email_key = ?, client_hash = NULL, client_prefix = NULL WHERE id = ?", SignatureStatus.WITHDRAWN, freshKey, target.signatureId());
        sql.update("DELETE FROM withdrawal_token WHERE signature_id = ?", target.signatureId());
        sql.update("DELETE FROM confirmation_token WHERE signature_id = ?", target.signatureId());
        sql.update("UPDATE outbox_email SET status = 'SKIPPED' WHERE signature_id = ? AND status = 'PENDING'",
                target.signatureId());
        return new Result(State.WITHDRAWN_NOW, campaigns.findById(target.campaignId()).orElse(null));
    }

    private Optional<Target> find(String token, boolean lockForUpdate) {
        if (!ConfirmationTokens.hasTokenShape(token)) {
            return Optional.empty();
        }
        return sql.one("SELECT s.id, s.status, s.country, s.campaign_id, s.hold_rule, s.invalidation_id "
                        + "FROM withdrawal_token w "
                        + "JOIN signature s ON s.id = w.signature_id WHERE w.token_hash = ?"
                        + (lockForUpdate ? " FOR UPDATE" : ""),
                row -> new Target(row.getLong("id"), SignatureStatus.valueOf(row.getString("status")),
                        row.getString("country"), row.getLong("campaign_id"),
                        SignatureStatus.isHeld(row)),
                ConfirmationTokens.hash(token))
                .filter(target -> target.status() != SignatureStatus.WITHDRAWN);
    }
}
