package org.cfcr.petitions.mail;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.PetitionsConfig;
import org.cfcr.petitions.PublicLinks;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.db.Sql;
import org.cfcr.petitions.signature.ConfirmationTokens;
import org.cfcr.petitions.update.CampaignUpdate;
import org.cfcr.petitions.update.CampaignUpdates;
import org.cfcr.petitions.update.UnsubscribeLinks;
import org.cfcr.petitions.web.Durations;
import org.cfcr.petitions.web.Lang;
import org.cfcr.petitions.web.Messages;
import org.thymeleaf.context.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes outbox emails at the moment they are sent, in the signer's language. A confirmation
 * email gets a fresh token here, so the clear token exists only in the email itself.
 */
@Singleton
class EmailComposer {

    private final Sql sql;
    private final CampaignCatalog campaigns;
    private final ConfirmationTokens tokens;
    private final EmailTemplates templates;
    private final Messages messages;
    private final PetitionsConfig config;
    private final PublicLinks links;
    private final Durations durations;
    private final Clock clock;
    private final CampaignUpdates updates;
    private final UnsubscribeLinks unsubscribeLinks;

    EmailComposer(Sql sql, CampaignCatalog campaigns, ConfirmationTokens tokens, EmailTemplates templates,
                  Messages messages, PetitionsConfig config, PublicLinks links, Durations durations, Clock clock,
                  CampaignUpdates updates, UnsubscribeLinks unsubscribeLinks) {
        this.updates = updates;
        this.unsubscribeLinks = unsubscribeLinks;
        this.sql = sql;
        this.campaigns = campaigns;
        this.tokens = tokens;
        this.templates = templates;
        this.messages = messages;
        this.config = config;
        this.links = links;
        this.durations = durations;
        this.clock = clock;
    }

    private record Recipient(long id, String email, String name, Lang lang, String status, long campaignId,
                             boolean wantsUpdates) {
    }

    /**
     * What one email needs from the database, read (and its link tokens written) for a whole
     * batch at once; {@link #render} then needs no database.
     */
    record Draft(EmailKind kind, Recipient recipient, Campaign campaign, @Nullable String confirmToken,
                 @Nullable String withdrawToken, @Nullable CampaignUpdate update) {
    }

    /**
     * For each email of the batch, in order, its draft, or empty when there is nothing left to say
     * (confirmed or withdrawn since, unsubscribed). One transaction for the batch: a query for
     * the signers and one insert per kind of link token, instead of a transaction per email.
     */
    @Transactional
    public List<Optional<Draft>> prepare(List<OutboxStore.Claimed> emails) {
        Map<Long, Recipient> recipients = recipients(emails);
        Map<Long, Optional<CampaignUpdate>> updatesById = new HashMap<>();
        List<Optional<Draft>> drafts = new ArrayList<>(emails.size());
        List<Long> confirming = new ArrayList<>();
        List<Long> withdrawable = new ArrayList<>();
        for (OutboxStore.Claimed email : emails) {
            Recipient recipient = recipients.get(email.signatureId());
            Optional<CampaignUpdate> update = email.updateId() == null ? Optional.empty()
                    : updatesById.computeIfAbsent(email.updateId(), updates::find);
            if (recipient == null || !worthSending(email.kind(), recipient, update)) {
                drafts.add(Optional.empty());
                continue;
            }
            if (carriesConfirmLink(email.kind())) {
                confirming.add(recipient.id());
            }
            if (carriesWithdrawLink(email.kind())) {
                withdrawable.add(recipient.id());
            }
            // from the catalog's cache: a wave of emails for one campaign reads it once (read per email,
            // it was a tenth of the outbox's time)
            drafts.add(Optional.of(new Draft(email.kind(), recipient, campaigns.byId(recipient.campaignId()).orElseThrow(),
                    null, null, update.orElse(null))));
        }
        Instant now = Instant.now(clock);
        Iterator<String> confirmTokens = tokens.issue(confirming, now).iterator();
        Iterator<String> withdrawTokens = tokens.issueWithdrawal(withdrawable, now).iterator();
        drafts.replaceAll(draft -> draft.map(d -> new Draft(d.kind(), d.recipient(), d.campaign(),
                carriesConfirmLink(d.kind()) ? confirmTokens.next() : null,
                carriesWithdrawLink(d.kind()) ? withdrawTokens.next() : null, d.update())));
        return drafts;
    }

    private static boolean carriesConfirmLink(EmailKind kind) {
        return kind == EmailKind.CONFIRMATION;
    }

    /** Every email a signature's own action caused carries its own "remove my signature" link. */
    private static boolean carriesWithdrawLink(EmailKind kind) {
        return kind != EmailKind.UPDATE;
    }

    private Map<Long, Recipient> recipients(List<OutboxStore.Claimed> emails) {
        Map<Long, Recipient> recipients = new HashMap<>();
        if (emails.isEmpty()) {
            return recipients;
        }
        Sql.In ids = Sql.in(emails.stream().map(OutboxStore.Claimed::signatureId).distinct().toList());
        sql.forEach("SELECT id, email, name, lang, status, campaign_id, email_updates FROM signature WHERE id IN ("
                        + ids.placeholders() + ")",
                row -> recipients.put(row.getLong("id"), new Recipient(row.getLong("id"), row.getString("email"),
                        row.getString("name"), Lang.fromCode(row.getString("lang")).orElse(Lang.EN),
                        row.getString("status"), row.getLong("campaign_id"), row.getBoolean("email_updates"))),
                ids.after());
        return recipients;
    }

    private static boolean worthSending(EmailKind kind, Recipient recipient, Optional<CampaignUpdate> update) {
        return switch (kind) {
            case CONFIRMATION -> "PENDING".equals(recipient.status());
            case ALREADY_SIGNED -> !"WITHDRAWN".equals(recipient.status());
            // unsubscribed or withdrawn since the mailing was queued
            case UPDATE -> "CONFIRMED".equals(recipient.status()) && recipient.wantsUpdates() && update.isPresent();
        };
    }

    /** The email, in the signer's language. */
    public OutgoingEmail render(Draft draft) {
        Recipient recipient = draft.recipient();
        Campaign campaign = draft.campaign();
        Lang lang = recipient.lang();
        Map<String, Object> model = new HashMap<>();
        model.put("name", recipient.name());
        model.put("campaignTitle", campaign.title(lang));
        model.put("campaignUrl", links.link("/campaigns/" + campaign.slug() + "?lang=" + lang.code()));
        if (draft.kind() == EmailKind.UPDATE) {
            CampaignUpdate update = draft.update();
            String unsubscribeUrl = links.link("/unsubscribe/" + unsubscribeLinks.token(recipient.id()));
            model.put("updateTitle", update.title(lang));
            model.put("paragraphs", update.paragraphs(lang));
            model.put("unsubscribeUrl", unsubscribeUrl);
            Context context = new Context(lang.locale(), model);
            String subject = messages.text("email.update.subject", lang.locale(), campaign.title(lang), update.title(lang));
            // one-click unsubscribe in mail programs (RFC 2369, RFC 8058)
            Map<String, String> headers = Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
                    "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            return new OutgoingEmail(recipient.email(), subject,
                    templates.html("update", context), templates.text("update", context), headers);
        }
        String template;
        String subjectKey;
        if (draft.kind() == EmailKind.CONFIRMATION) {
            model.put("confirmUrl", links.link("/confirm/" + draft.confirmToken()));
            model.put("validFor", durations.human(config.confirmationTtl(), lang));
            template = "confirmation";
            subjectKey = "email.confirm.subject";
        } else {
            template = "already-signed";
            subjectKey = "email.alreadySigned.subject";
        }
        model.put("withdrawUrl", links.link("/withdraw/" + draft.withdrawToken()));
        Context context = new Context(lang.locale(), model);
        String subject = messages.text(subjectKey, lang.locale(), campaign.title(lang));
        return new OutgoingEmail(recipient.email(), subject, templates.html(template, context), templates.text(template, context));
    }
}
