package org.cfcr.petitions.signature.screening;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.signature.EmailAddress;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides, before a signature is stored, whether it is held back. A held signature is stored like
 * any other (and emailed within {@link HeldEmailBudget}), and the signer sees exactly what everyone
 * sees, so a bot learns nothing about which rule caught it; it simply never counts until a lead
 * releases it. A person caught by mistake is told, when confirming, that the signature is
 * recorded and is checked before it counts (see the confirm page), and the campaign's leads see
 * every hold with its reason.
 *
 * <p>Order matters only for the reason recorded: lists first, then signs of a script, then the
 * rates (which are counted only for signatures that got that far).
 */
@Singleton
public class SignatureScreening {

    private final AccessLists lists;
    private final RateLimits limits;
    private final FormTokens formTokens;
    private final CampaignChallenges challenges;
    private final DisposableDomains disposable;
    private final AbuseSettings settings;

    public SignatureScreening(AccessLists lists, RateLimits limits, FormTokens formTokens,
                              CampaignChallenges challenges, DisposableDomains disposable, AbuseSettings settings) {
        this.lists = lists;
        this.limits = limits;
        this.formTokens = formTokens;
        this.challenges = challenges;
        this.disposable = disposable;
        this.settings = settings;
    }

    public Optional<HoldRule> screen(long campaignId, EmailAddress email, @Nullable ClientAddress client,
                                     FormEvidence evidence) {
        if (client != null && lists.isAllowed(client)) {
            return Optional.empty();
        }
        if (lists.isBlocked(client, email)) {
            return Optional.of(HoldRule.BLOCKED);
        }
        if (looksScripted(campaignId, evidence)) {
            return Optional.of(HoldRule.BOT);
        }
        if (disposable.isDisposable(email.domain())) {
            return Optional.of(HoldRule.DISPOSABLE); // reached only when such domains are held, not refused
        }
        if (!limits.tryCampaign(campaignId)) {
            challenges.floodSeen(campaignId);
        }
        if (client != null && !limits.tryAddress(campaignId, client)) {
            return Optional.of(HoldRule.ADDRESS_RATE);
        }
        if (client != null && !limits.tryNetwork(campaignId, client)) {
            return Optional.of(HoldRule.NETWORK_RATE);
        }
        if (!lists.isDomainUnlimited(email.domain()) && !limits.tryDomain(campaignId, email.registrableDomain())) {
            return Optional.of(HoldRule.DOMAIN_RATE);
        }
        if (challenges.isRequired(campaignId) && !answersChallenge(campaignId, email, evidence)) {
            return Optional.of(HoldRule.CHALLENGE);
        }
        return Optional.empty();
    }

    /** An answer counts when it is built on a form token of ours, for this campaign, still fresh. */
    private boolean answersChallenge(long campaignId, EmailAddress email, FormEvidence evidence) {
        boolean ourToken = formTokens.age(evidence.formToken(), campaignId)
                .filter(age -> age.compareTo(settings.maxFormAge()) <= 0).isPresent();
        return ourToken && ProofOfWork.verify(evidence.formToken(), email.value(), evidence.proof(), settings.challengeBits());
    }

    private boolean looksScripted(long campaignId, FormEvidence evidence) {
        if (evidence.honeypot() != null && !evidence.honeypot().isEmpty()) {
            return true;
        }
        if (!evidence.fromForm()) {
            return false; // API clients are programs by nature: only the challenge applies to them
        }
        Optional<Duration> age = formTokens.age(evidence.formToken(), campaignId);
        return age.isEmpty() || age.get().compareTo(settings.minFillTime()) < 0
                || age.get().compareTo(settings.maxFormAge()) > 0;
    }
}
