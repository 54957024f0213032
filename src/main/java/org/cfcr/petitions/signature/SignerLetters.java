package org.cfcr.petitions.signature;

import com.github.benmanes.caffeine.cache.Cache;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.Messages;
import org.cfcr.petitions.kernel.web.PublicLinks;
import org.cfcr.petitions.mail.EmailTemplates;
import org.cfcr.petitions.mail.Letters;
import org.cfcr.petitions.mail.OutgoingEmail;
import org.cfcr.petitions.mail.QueuedEmail;
import org.thymeleaf.context.Context;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The confirmation and "already signed" emails, in the signer's language. Each gets its link
 * tokens here, at the moment it is sent, so the clear tokens exist only in the email itself. A
 * discreet campaign's emails come from the neutral sender and name neither the campaign nor its
 * cause: they carry the signer's reference code instead ({@link DiscreetEmails}). No email carries
 * text the submitter chose (none greets anyone by name): anyone may submit any address, and a
 * flood would otherwise put its own words in every inbox it names.
 * <p>
 * A wave of signers of one campaign gets the same email but for its two links, so each kind of email
 * is rendered once per campaign text and language with stand-ins for the tokens, and each email is
 * that render with its own tokens put in. The stand-ins are random for each run of the service, so no
 * campaign text can contain one.
 */
@Singleton
class SignerLetters implements Letters {

    private final SignatureStore store;
    private final ConfirmationTokens tokens;
    private final CampaignCatalog campaigns;
    private final EmailTemplates templates;
    private final Messages messages;
    private final PublicLinks links;
    private final LinkValidity linkValidity;
    private final DiscreetEmails discreet;
    private final Clock clock;
    private final String confirmStandIn = standIn();
    private final String withdrawStandIn = standIn();
    private final Cache<BodyKey, Body> bodies = Caches.builder()
            .maximumSize(1_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    SignerLetters(SignatureStore store, ConfirmationTokens tokens, CampaignCatalog campaigns, EmailTemplates templates,
                  Messages messages, PublicLinks links, LinkValidity linkValidity, DiscreetEmails discreet,
                  Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.campaigns = campaigns;
        this.templates = templates;
        this.messages = messages;
        this.links = links;
        this.linkValidity = linkValidity;
        this.discreet = discreet;
        this.clock = clock;
    }

    @Override
    public Collection<SignerEmail> kinds() {
        return List.of(SignerEmail.values());
    }

    /** What an email's body says besides its links' tokens. */
    private record BodyKey(String template, Lang lang, String campaignTitle, String campaignUrl, String validFor) {
    }

    private record Body(String html, String text) {
    }

    private static String standIn() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return "t" + HexFormat.of().formatHex(random);
    }

    /** to: the submission the email answers (for a confirmation, the one its link publishes). */
    private record Draft(SignerEmail kind, Submission to, Campaign campaign) {
    }

    @Override
    public List<Optional<Letter>> prepare(List<QueuedEmail> emails) {
        Map<Long, Signature> signers = store.findAll(emails.stream().map(QueuedEmail::signatureId).distinct().toList());
        Map<Long, Resubmission> repeats = store.resubmissions(emails.stream()
                .filter(email -> email.itemId() != null).map(QueuedEmail::itemId).distinct().toList());
        List<Draft> drafts = new ArrayList<>(emails.size());
        List<ConfirmationTokens.LinkTarget> confirming = new ArrayList<>();
        List<Long> withdrawable = new ArrayList<>();
        for (QueuedEmail email : emails) {
            SignerEmail kind = SignerEmail.valueOf(email.kind());
            Signature signer = signers.get(email.signatureId());
            Resubmission repeat = email.itemId() == null ? null : repeats.get(email.itemId());
            boolean repeatGone = email.itemId() != null && (repeat == null || repeat.signatureId() != email.signatureId());
            if (signer == null || repeatGone || !kind.isWorthSending(signer)) {
                drafts.add(null);
                continue;
            }
            Long resubmissionId = repeat == null ? null : repeat.id();
            if (kind == SignerEmail.CONFIRMATION) {
                confirming.add(new ConfirmationTokens.LinkTarget(signer.id(), resubmissionId));
            }
            withdrawable.add(signer.id());
            // from the catalog's cache: a wave of emails for one campaign reads it once
            drafts.add(new Draft(kind, repeat == null ? signer.submission() : repeat.said(),
                    campaigns.byId(signer.campaignId()).orElseThrow()));
        }
        Instant now = Instant.now(clock);
        Iterator<String> confirmTokens = tokens.issue(confirming, now).iterator();
        Iterator<String> withdrawTokens = tokens.issueWithdrawal(withdrawable, now).iterator();
        List<Optional<Letter>> letters = new ArrayList<>(emails.size());
        for (Draft draft : drafts) {
            if (draft == null) {
                letters.add(Optional.empty());
                continue;
            }
            String confirmToken = draft.kind() == SignerEmail.CONFIRMATION ? confirmTokens.next() : null;
            String withdrawToken = withdrawTokens.next();
            letters.add(Optional.of(() -> render(draft, confirmToken, withdrawToken)));
        }
        return letters;
    }

    private OutgoingEmail render(Draft draft, String confirmToken, String withdrawToken) {
        Submission to = draft.to();
        Campaign campaign = draft.campaign();
        Lang lang = to.lang();
        boolean confirmation = draft.kind() == SignerEmail.CONFIRMATION;
        String template = confirmation ? "confirmation" : "already-signed";
        String subjectKey = confirmation ? "confirm.subject" : "alreadySigned.subject";
        if (campaign.discreet()) {
            // neither the campaign's title nor its address: only the signer's reference code
            String reference = discreet.reference(campaign.id(), new EmailAddress(to.email()));
            Map<String, Object> model = new HashMap<>();
            model.put("withdrawUrl", links.link("/withdraw/" + withdrawToken));
            if (confirmation) {
                model.put("confirmUrl", links.link("/confirm/" + confirmToken));
                model.put("validFor", linkValidity.in(lang));
            }
            model.put("reference", reference);
            Context context = new Context(lang.locale(), model);
            String subject = messages.text("email.discreet." + subjectKey, lang.locale(), reference);
            return new OutgoingEmail(to.email(), subject, templates.html(template + "-discreet", context),
                    templates.text(template + "-discreet", context), Map.of(), OutgoingEmail.Sender.NEUTRAL);
        }
        String subject = messages.text("email." + subjectKey, lang.locale(), campaign.title(lang));
        Body body = bodies.get(new BodyKey(template, lang, campaign.title(lang),
                links.link("/campaigns/" + campaign.slug() + "?lang=" + lang.code()),
                confirmation ? linkValidity.in(lang) : null), this::renderBody);
        return new OutgoingEmail(to.email(), subject, withTokens(body.html(), confirmToken, withdrawToken),
                withTokens(body.text(), confirmToken, withdrawToken));
    }

    private Body renderBody(BodyKey key) {
        Map<String, Object> model = new HashMap<>();
        model.put("withdrawUrl", links.link("/withdraw/" + withdrawStandIn));
        if (key.validFor() != null) {
            model.put("confirmUrl", links.link("/confirm/" + confirmStandIn));
            model.put("validFor", key.validFor());
        }
        model.put("campaignTitle", key.campaignTitle());
        model.put("campaignUrl", key.campaignUrl());
        Context context = new Context(key.lang().locale(), model);
        return new Body(templates.html(key.template(), context), templates.text(key.template(), context));
    }

    /** the tokens are URL-safe Base64, which neither HTML nor the text template escapes */
    private String withTokens(String body, String confirmToken, String withdrawToken) {
        String withdrawing = body.replace(withdrawStandIn, withdrawToken);
        return confirmToken == null ? withdrawing : withdrawing.replace(confirmStandIn, confirmToken);
    }
}
