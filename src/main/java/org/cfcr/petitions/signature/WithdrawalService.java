package org.cfcr.petitions.signature;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignStore;
import org.cfcr.petitions.count.CountDeltas;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signer removes their signature with the link in any of our emails. A counted signature leaves
 * the count (a -1 delta, so the total and its country go down) and the public list; in every case
 * the personal data is erased at once ({@link SignerErasure}).
 */
@Singleton
public class WithdrawalService {

    public enum State { READY, WITHDRAWN_NOW, UNKNOWN }

    public record Result(State state, Campaign campaign) {
        static Result unknown() {
            return new Result(State.UNKNOWN, null);
        }
    }

    private final SignatureStore store;
    private final SignerErasure erasure;
    private final CampaignStore campaigns;
    private final CampaignCatalog catalog;
    private final CountDeltas counts;
    private final Clock clock;

    public WithdrawalService(SignatureStore store, SignerErasure erasure, CampaignStore campaigns,
                             CampaignCatalog catalog, CountDeltas counts, Clock clock) {
        this.store = store;
        this.erasure = erasure;
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.counts = counts;
        this.clock = clock;
    }

    /**
     * For the links' pages, in the order given (unknown tokens too): one statement for the batch,
     * and each campaign as the public sees it; outside a transaction, as ConfirmationService.inspectAll.
     */
    @Connectable
    public List<Result> inspectAll(List<String> tokens) {
        Map<ByteBuffer, String> tokenByHash = ConfirmationTokens.byHash(tokens);
        Map<String, Result> byToken = new HashMap<>();
        store.campaignsByWithdrawalToken(tokenByHash.keySet().stream().map(ByteBuffer::array).toList())
                .forEach((hash, campaignId) -> byToken.put(tokenByHash.get(hash),
                        new Result(State.READY, catalog.byId(campaignId).orElse(null))));
        return tokens.stream().map(token -> byToken.getOrDefault(token, Result.unknown())).toList();
    }

    @Transactional
    public Result withdraw(String token) {
        Optional<Signature> found = locked(token);
        if (found.isEmpty()) {
            return Result.unknown();
        }
        Signature target = found.get();
        Instant now = Instant.now(clock);
        if (target.counts()) {
            counts.record(target.campaignId(), target.country(), -1, now);
        }
        erasure.erase(List.of(target.id()), SignatureStore.Erasure.WITHDRAWN_BY_SIGNER);
        return new Result(State.WITHDRAWN_NOW, campaigns.find(target.campaignId()).orElse(null));
    }

    private Optional<Signature> locked(String token) {
        if (!ConfirmationTokens.hasTokenShape(token)) {
            return Optional.empty();
        }
        return store.lockByWithdrawalToken(ConfirmationTokens.hash(token));
    }
}
