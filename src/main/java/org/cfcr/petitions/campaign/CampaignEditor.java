package org.cfcr.petitions.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates and edits campaigns from the editor's form, recording what changed. The slug is the
 * public address: it can change only while the campaign is a draft.
 */
@Singleton
public class CampaignEditor {

    private final CampaignRepository campaigns;
    private final CampaignLeads leads;
    private final AuditLog audit;
    private final Clock clock;

    public CampaignEditor(CampaignRepository campaigns, CampaignLeads leads, AuditLog audit, Clock clock) {
        this.campaigns = campaigns;
        this.leads = leads;
        this.audit = audit;
        this.clock = clock;
    }

    /** Thrown when another campaign already has the slug. */
    public static final class SlugTakenException extends RuntimeException {
        SlugTakenException() {
            super("slug taken", null, false, false);
        }
    }

    /** A new draft, assigned to its author when the author is a lead; discreet unless the form says not. */
    @Transactional
    public Campaign create(CampaignForm form, long author, boolean assignToAuthor) {
        Instant now = Instant.now(clock);
        Campaign draft = apply(form, new Campaign(null, CampaignForm.text(form.slug()), CampaignState.DRAFT, 1, null, null,
                "", "", "", "", "", "", "", "", true, now, now), true, now);
        Campaign saved;
        try {
            saved = campaigns.save(draft);
        } catch (io.micronaut.data.exceptions.DataAccessException e) {
            if (campaigns.findBySlug(draft.slug()).isPresent()) {
                throw new SlugTakenException();
            }
            throw e;
        }
        if (assignToAuthor) {
            leads.add(saved.id(), author);
        }
        audit.record(author, saved.id(), "campaign.created", "slug " + saved.slug());
        return saved;
    }

    /**
     * What the form itself holds wrong, for this campaign. The slug of a public campaign is fixed and
     * its field is not shown, so whatever the form says about it does not count.
     */
    public Map<String, String> formErrors(Campaign campaign, CampaignForm form) {
        Map<String, String> errors = new HashMap<>(form.errors());
        if (campaign.state() != CampaignState.DRAFT) {
            errors.remove("slug");
        }
        return errors;
    }

    /** What keeps the form from being saved over this campaign: its own faults, and Traditional texts left stale. */
    public Map<String, String> errors(Campaign campaign, CampaignForm form) {
        Map<String, String> errors = formErrors(campaign, form);
        if (!form.traditionalConfirmed()) {
            staleTraditional(errors, "titleZhHant", campaign.titleZh(), form.titleZh(), campaign.titleZhHant(), form.titleZhHant());
            staleTraditional(errors, "summaryZhHant", campaign.summaryZh(), form.summaryZh(), campaign.summaryZhHant(), form.summaryZhHant());
            staleTraditional(errors, "bodyZhHant", campaign.bodyZh(), form.bodyZh(), campaign.bodyZhHant(), form.bodyZhHant());
            staleTraditional(errors, "targetZhHant", campaign.targetZh(), form.targetZh(), campaign.targetZhHant(), form.targetZhHant());
        }
        return errors;
    }

    /**
     * A Traditional text the lead wrote is not converted again: when its Simplified text changes and
     * it does not, readers of the two scripts would sign different words. The lead mends it (or empties
     * it, to show the Simplified converted), or says it still holds.
     */
    private static void staleTraditional(Map<String, String> errors, String field, String simplifiedBefore,
                                         @Nullable String simplifiedNow, @Nullable String traditionalBefore,
                                         @Nullable String traditionalNow) {
        boolean written = traditionalBefore != null && !traditionalBefore.isBlank();
        if (written && !CampaignForm.text(simplifiedNow).equals(simplifiedBefore)
                && CampaignForm.text(traditionalNow).equals(traditionalBefore)) {
            errors.putIfAbsent(field, "admin.campaign.error.traditionalStale");
        }
    }

    /**
     * Saves the form over the campaign. The whole row is written back, its state and close time as
     * they were read, so the row is read locked: a close committed while the lead pressed "save"
     * stays closed, instead of being written back as open.
     */
    @Transactional
    public Campaign update(long campaignId, CampaignForm form, long editor) {
        Campaign before = campaigns.findByIdForUpdate(campaignId)
                .orElseThrow(() -> new CampaignNotFoundException(String.valueOf(campaignId)));
        Instant now = Instant.now(clock);
        Campaign after = apply(form, before, before.state() == CampaignState.DRAFT, now);
        if (!after.slug().equals(before.slug()) && campaigns.findBySlug(after.slug()).isPresent()) {
            throw new SlugTakenException();
        }
        List<String> changes = changes(before, after);
        if (changes.isEmpty()) {
            return before;
        }
        Campaign saved = campaigns.update(after);
        audit.record(editor, campaignId, "campaign.edited", String.join("; ", changes));
        return saved;
    }

    private static Campaign apply(CampaignForm form, Campaign base, boolean slugEditable, Instant now) {
        return new Campaign(base.id(), slugEditable ? CampaignForm.text(form.slug()) : base.slug(), base.state(),
                Objects.requireNonNull(form.goalValue()), form.deadlineValue(), base.closedAt(),
                CampaignForm.text(form.titleEn()), CampaignForm.text(form.titleZh()),
                CampaignForm.text(form.summaryEn()), CampaignForm.text(form.summaryZh()),
                CampaignForm.text(form.bodyEn()), CampaignForm.text(form.bodyZh()),
                CampaignForm.text(form.targetEn()), CampaignForm.text(form.targetZh()),
                form.discreetValue(base.discreet()), base.createdAt(), now,
                optional(form.titleZhHant()), optional(form.summaryZhHant()), optional(form.bodyZhHant()),
                optional(form.targetZhHant()));
    }

    /** A Traditional text left empty is none: the pages then convert the Simplified one. */
    @Nullable
    private static String optional(@Nullable String text) {
        String value = CampaignForm.text(text);
        return value.isEmpty() ? null : value;
    }

    /** What changed, field by field; long texts are summarised by length. */
    static List<String> changes(Campaign before, Campaign after) {
        Map<String, Object[]> fields = new LinkedHashMap<>();
        fields.put("slug", new Object[]{before.slug(), after.slug()});
        fields.put("goal", new Object[]{before.goal(), after.goal()});
        fields.put("deadline", new Object[]{before.deadline(), after.deadline()});
        fields.put("title_en", new Object[]{before.titleEn(), after.titleEn()});
        fields.put("title_zh", new Object[]{before.titleZh(), after.titleZh()});
        fields.put("summary_en", new Object[]{before.summaryEn(), after.summaryEn()});
        fields.put("summary_zh", new Object[]{before.summaryZh(), after.summaryZh()});
        fields.put("body_en", new Object[]{before.bodyEn(), after.bodyEn()});
        fields.put("body_zh", new Object[]{before.bodyZh(), after.bodyZh()});
        fields.put("target_en", new Object[]{before.targetEn(), after.targetEn()});
        fields.put("target_zh", new Object[]{before.targetZh(), after.targetZh()});
        fields.put("title_zh_hant", new Object[]{before.titleZhHant(), after.titleZhHant()});
        fields.put("summary_zh_hant", new Object[]{before.summaryZhHant(), after.summaryZhHant()});
        fields.put("body_zh_hant", new Object[]{before.bodyZhHant(), after.bodyZhHant()});
        fields.put("target_zh_hant", new Object[]{before.targetZhHant(), after.targetZhHant()});
        fields.put("discreet", new Object[]{before.discreet(), after.discreet()});
        List<String> changes = new ArrayList<>();
        fields.forEach((name, values) -> {
            if (!Objects.equals(values[0], values[1])) {
                changes.add(name + ": " + shown(values[0]) + " → " + shown(values[1]));
            }
        });
        return changes;
    }

    private static String shown(Object value) {
        if (value == null) {
            return "(none)";
        }
        String text = value.toString();
        if (!(value instanceof String)) {
            return text; // numbers and times as they are
        }
        return text.length() > 120 ? "(" + text.codePointCount(0, text.length()) + " characters)" : "\"" + text + "\"";
    }
}
