package org.cfcr.petitions.mail;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.PetitionsConfig;
import org.cfcr.petitions.PublicLinks;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignRepository;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an outbox email at the moment it is sent, in the signer's language. A confirmation
 * email gets a fresh token here, so the clear token exists only in the email itself.
 */
@Singleton
class EmailComposer {

    private final Sql sql;
    private final CampaignRepository campaigns;
    private final ConfirmationTokens tokens;
    private final EmailTemplates templates;
    private final Messages messages;
    private final PetitionsConfig config;
    private final PublicLinks links;
    private final Durations durations;
    private final Clock clock;
    private final CampaignUpdates updates;
    private final UnsubscribeLinks unsubscribeLinks;
    // a confirmation wave is thousands of emails for one campaign: its title is read once, not
    // per email (measured: a tenth of the outbox's time); a retitled campaign shows within seconds
    private final LoadingCache<Long, Optional<Campaign>> campaignsById;

    EmailComposer(Sql sql, CampaignRepository campaigns, ConfirmationTokens tokens, EmailTemplates templates,
                  Messages messages, PetitionsConfig config, PublicLinks links, Durations durations, Clock clock,
                  CampaignUpdates updates, UnsubscribeLinks unsubscribeLinks) {
        this.updates = updates;
        this.unsubscribeLinks = unsubscribeLinks;
        this.campaignsById = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofSeconds(10))
                .build(campaigns::findById);
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

    /** The email to send, or empty when there is nothing left to say. */
    @Transactional
    public Optional<OutgoingEmail> compose(EmailKind kind, long signatureId, Long updateId) {
        Optional<Recipient> found = sql.one("SELECT id, email, name, lang, status, campaign_id, email_updates FROM signature WHERE id = ?",
                row -> new Recipient(row.getLong("id"), row.getString("email"), row.getString("name"),
                        Lang.fromCode(row.getString("lang")).orElse(Lang.EN), row.getString("status"),
                        row.getLong("campaign_id"), row.getBoolean("email_updates")),
                signatureId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Recipient recipient = found.get();
        Campaign campaign = campaignsById.get(recipient.campaignId()).orElseThrow();
        Lang lang = recipient.lang();
        Map<String, Object> model = new HashMap<>();
        model.put("name", recipient.name());
        model.put("campaignTitle", campaign.title(lang));
        model.put("campaignUrl", links.link("/campaigns/" + campaign.slug() + "?lang=" + lang.code()));
        if ("WITHDRAWN".equals(recipient.status())) {
            return Optional.empty();
        }
        String template;
        String subjectKey;
        switch (kind) {
            case CONFIRMATION -> {
                if (!"PENDING".equals(recipient.status())) {
                    return Optional.empty();
                }
                String token = tokens.issue(recipient.id(), Instant.now(clock));
                model.put("confirmUrl", links.link("/confirm/" + token));
                model.put("validFor", durations.human(config.confirmationTtl(), lang));
                template = "confirmation";
                subjectKey = "email.confirm.subject";
            }
            case ALREADY_SIGNED -> {
                template = "already-signed";
                subjectKey = "email.alreadySigned.subject";
            }
            case UPDATE -> {
                Optional<CampaignUpdate> update = updateId == null ? Optional.empty() : updates.find(updateId);
                if (!"CONFIRMED".equals(recipient.status()) || !recipient.wantsUpdates() || update.isEmpty()) {
                    return Optional.empty(); // unsubscribed or withdrawn since the mailing was queued
                }
                String unsubscribeUrl = links.link("/unsubscribe/" + unsubscribeLinks.token(recipient.id()));
                model.put("updateTitle", update.get().title(lang));
                model.put("paragraphs", update.get().paragraphs(lang));
                model.put("unsubscribeUrl", unsubscribeUrl);
                Context context = new Context(lang.locale(), model);
                String subject = messages.text("email.update.subject", lang.locale(), campaign.title(lang),
                        update.get().title(lang));
                // one-click unsubscribe in mail programs (RFC 2369, RFC 8058)
                Map<String, String> headers = Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                return Optional.of(new OutgoingEmail(recipient.email(), subject,
                        templates.html("update", context), templates.text("update", context), headers));
            }
            default -> throw new IllegalArgumentException("Unknown email kind " + kind);
        }
        // every email a signature's own action caused carries its own "remove my signature" link
        model.put("withdrawUrl", links.link("/withdraw/" + tokens.issueWithdrawal(recipient.id(), Instant.now(clock))));
        Context context = new Context(lang.locale(), model);
        String subject = messages.text(subjectKey, lang.locale(), campaign.title(lang));
        return Optional.of(new OutgoingEmail(recipient.email(), subject,
                templates.html(template, context), templates.text(template, context)));
    }
}
