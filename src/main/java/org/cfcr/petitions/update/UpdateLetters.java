package org.cfcr.petitions.update;

import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.Messages;
import org.cfcr.petitions.kernel.web.PublicLinks;
import org.cfcr.petitions.mail.EmailTemplates;
import org.cfcr.petitions.mail.Letters;
import org.cfcr.petitions.mail.OutgoingEmail;
import org.cfcr.petitions.mail.QueuedEmail;
import org.cfcr.petitions.signature.Signature;
import org.cfcr.petitions.signature.SignatureStore;
import org.thymeleaf.context.Context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Update emails, in each signer's language, with a one-click unsubscribe link. */
@Singleton
class UpdateLetters implements Letters {

    private final SignatureStore signatures;
    private final CampaignUpdates updates;
    private final CampaignCatalog campaigns;
    private final UnsubscribeLinks unsubscribeLinks;
    private final EmailTemplates templates;
    private final Messages messages;
    private final PublicLinks links;

    UpdateLetters(SignatureStore signatures, CampaignUpdates updates, CampaignCatalog campaigns,
                  UnsubscribeLinks unsubscribeLinks, EmailTemplates templates, Messages messages, PublicLinks links) {
        this.signatures = signatures;
        this.updates = updates;
        this.campaigns = campaigns;
        this.unsubscribeLinks = unsubscribeLinks;
        this.templates = templates;
        this.messages = messages;
        this.links = links;
    }

    @Override
    public Collection<UpdateEmail> kinds() {
        return List.of(UpdateEmail.values());
    }

    @Override
    public List<Optional<Letter>> prepare(List<QueuedEmail> emails) {
        Map<Long, Signature> signers = signatures.findAll(emails.stream().map(QueuedEmail::signatureId).distinct().toList());
        Map<Long, Optional<CampaignUpdate>> updatesById = new HashMap<>();
        List<Optional<Letter>> letters = new ArrayList<>(emails.size());
        for (QueuedEmail email : emails) {
            Signature signer = signers.get(email.signatureId());
            Optional<CampaignUpdate> update = email.itemId() == null ? Optional.empty()
                    : updatesById.computeIfAbsent(email.itemId(), updates::find);
            // unsubscribed, withdrawn or no longer counted since the mailing was queued
            if (signer == null || !signer.receivesUpdates() || update.isEmpty()) {
                letters.add(Optional.empty());
                continue;
            }
            Campaign campaign = campaigns.byId(signer.campaignId()).orElseThrow();
            letters.add(Optional.of(() -> render(signer, campaign, update.get())));
        }
        return letters;
    }

    private OutgoingEmail render(Signature signer, Campaign campaign, CampaignUpdate update) {
        Lang lang = signer.lang();
        String unsubscribeUrl = links.link("/unsubscribe/" + unsubscribeLinks.token(signer.id()));
        Map<String, Object> model = new HashMap<>();
        model.put("name", signer.name());
        model.put("campaignTitle", campaign.title(lang));
        model.put("campaignUrl", links.link("/campaigns/" + campaign.slug() + "?lang=" + lang.code()));
        model.put("updateTitle", update.title(lang));
        model.put("paragraphs", update.paragraphs(lang));
        model.put("unsubscribeUrl", unsubscribeUrl);
        Context context = new Context(lang.locale(), model);
        String subject = messages.text("email.update.subject", lang.locale(), campaign.title(lang), update.title(lang));
        // one-click unsubscribe in mail programs (RFC 2369, RFC 8058)
        Map<String, String> headers = Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new OutgoingEmail(signer.email(), subject, templates.html("update", context),
                templates.text("update", context), headers);
    }
}
