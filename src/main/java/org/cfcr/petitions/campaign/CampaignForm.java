package org.cfcr.petitions.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.cfcr.petitions.kernel.i18n.ChineseScripts;
import org.cfcr.petitions.kernel.text.Texts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The campaign editor's form, English and Chinese side by side. A draft may be saved with texts
 * missing; {@link CampaignLifecycle} asks for every text before a campaign goes public.
 *
 * @param discreet      the discreet-mode box: "on" when ticked, absent when not
 * @param discreetShown present when the form had the box; a form without it (an editor page opened
 *                      before the box existed) leaves the setting as it was, and a new campaign on
 */
@Serdeable
public record CampaignForm(
        @Nullable String slug,
        @Nullable String goal,
        @Nullable String deadline,
        @Nullable String titleEn, @Nullable String titleZh,
        @Nullable String summaryEn, @Nullable String summaryZh,
        @Nullable String bodyEn, @Nullable String bodyZh,
        @Nullable String targetEn, @Nullable String targetZh,
        @Nullable String discreet, @Nullable String discreetShown,
        @Nullable String titleZhHant, @Nullable String summaryZhHant,
        @Nullable String bodyZhHant, @Nullable String targetZhHant,
        @Nullable String traditionalChecked) {

    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,78}[a-z0-9])");
    static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    static final int MAX_GOAL = 100_000_000;
    /** TEXT holds 65,535 bytes; 16,000 code points fit even as 4-byte characters. */
    static final int MAX_BODY = 16_000;

    public static CampaignForm blank() {
        return new CampaignForm("", "1000", "", "", "", "", "", "", "", "", "", "on", "true", "", "", "", "", null);
    }

    public static CampaignForm of(Campaign campaign) {
        return new CampaignForm(campaign.slug(), String.valueOf(campaign.goal()),
                campaign.deadline() == null ? "" : DEADLINE.format(campaign.deadline().atOffset(ZoneOffset.UTC)),
                campaign.titleEn(), campaign.titleZh(), campaign.summaryEn(), campaign.summaryZh(),
                campaign.bodyEn(), campaign.bodyZh(), campaign.targetEn(), campaign.targetZh(),
                campaign.discreet() ? "on" : null, "true", campaign.titleZhHant(), campaign.summaryZhHant(),
                campaign.bodyZhHant(), campaign.targetZhHant(), null);
    }

    /**
     * The same form with each empty Traditional Chinese field filled with its Simplified text
     * converted: a draft for the lead to read and correct, saved only when they save the form.
     */
    public CampaignForm withTraditionalDraft() {
        return new CampaignForm(slug, goal, deadline, titleEn, titleZh, summaryEn, summaryZh, bodyEn, bodyZh,
                targetEn, targetZh, discreet, discreetShown, draft(titleZhHant, titleZh), draft(summaryZhHant, summaryZh),
                draft(bodyZhHant, bodyZh), draft(targetZhHant, targetZh), traditionalChecked);
    }

    private static String draft(@Nullable String traditional, @Nullable String simplified) {
        return text(traditional).isEmpty() ? ChineseScripts.draftTraditional(text(simplified)) : traditional;
    }

    /** Field name to message key, for every field that cannot be saved as it is. */
    public Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!SLUG.matcher(text(slug)).matches()) {
            errors.put("slug", "admin.campaign.error.slug");
        }
        if (goalValue() == null) {
            errors.put("goal", "admin.campaign.error.goal");
        }
        if (!text(deadline).isEmpty() && deadlineValue() == null) {
            errors.put("deadline", "admin.campaign.error.deadline");
        }
        length(errors, "titleEn", titleEn, 200);
        length(errors, "titleZh", titleZh, 200);
        length(errors, "summaryEn", summaryEn, 1000);
        length(errors, "summaryZh", summaryZh, 1000);
        length(errors, "bodyEn", bodyEn, MAX_BODY);
        length(errors, "bodyZh", bodyZh, MAX_BODY);
        length(errors, "targetEn", targetEn, 300);
        length(errors, "targetZh", targetZh, 300);
        length(errors, "titleZhHant", titleZhHant, 200);
        length(errors, "summaryZhHant", summaryZhHant, 1000);
        length(errors, "bodyZhHant", bodyZhHant, MAX_BODY);
        length(errors, "targetZhHant", targetZhHant, 300);
        return errors;
    }

    @Nullable
    Integer goalValue() {
        try {
            int value = Integer.parseInt(text(goal));
            return value >= 1 && value <= MAX_GOAL ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the box is ticked; as it was when the form did not show it. */
    boolean discreetValue(boolean before) {
        return text(discreetShown).isEmpty() ? before : discreetTicked();
    }

    /** The lead ticked "the Traditional texts still say what the Simplified ones say". */
    boolean traditionalConfirmed() {
        return "on".equals(text(traditionalChecked));
    }

    /** For the page: whether the box shows ticked. */
    public boolean discreetTicked() {
        return "on".equals(text(discreet));
    }

    /** The deadline, read as UTC (the editor says so). */
    @Nullable
    Instant deadlineValue() {
        String value = text(deadline);
        if (value.isEmpty() || value.length() > 20) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.length() == 16 ? value : value.substring(0, Math.min(16, value.length())), DEADLINE)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Trimmed, with Windows line ends made plain; null becomes empty. */
    static String text(@Nullable String value) {
        return value == null ? "" : value.replace("\r\n", "\n").strip();
    }

    private static void length(Map<String, String> errors, String field, @Nullable String value, int max) {
        String text = text(value);
        if (text.codePointCount(0, text.length()) > max) {
            errors.put(field, "admin.campaign.error.tooLong");
        } else if (!text.codePoints().allMatch(Texts::isAllowedInLongText)) {
            errors.put(field, "admin.campaign.error.control");
        }
    }
}
