package org.cfcr.petitions.campaign;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.cfcr.petitions.kernel.i18n.Lang;

import java.time.Duration;
import java.time.Instant;

/**
 * A campaign, its texts in both languages and its settings.
 *
 * @param discreet whether the emails that signing causes (confirmation, "already signed") leave out
 *                 the campaign's name and cause, for signers whose mail provider the state reads
 */
@MappedEntity("campaign")
public record Campaign(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        CampaignState state,
        int goal,
        @Nullable Instant deadline,
        @Nullable Instant closedAt,
        String titleEn,
        String titleZh,
        String summaryEn,
        String summaryZh,
        String bodyEn,
        String bodyZh,
        String targetEn,
        String targetZh,
        boolean discreet,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String titleZhHant,
        @Nullable String summaryZhHant,
        @Nullable String bodyZhHant,
        @Nullable String targetZhHant) {

    @Creator
    public Campaign {
    }

    /** A campaign written in English and Simplified Chinese only: its Traditional pages show the Simplified text converted. */
    public Campaign(@Nullable Long id, String slug, CampaignState state, int goal, @Nullable Instant deadline,
                    @Nullable Instant closedAt, String titleEn, String titleZh, String summaryEn, String summaryZh,
                    String bodyEn, String bodyZh, String targetEn, String targetZh, boolean discreet,
                    Instant createdAt, Instant updatedAt) {
        this(id, slug, state, goal, deadline, closedAt, titleEn, titleZh, summaryEn, summaryZh, bodyEn, bodyZh,
                targetEn, targetZh, discreet, createdAt, updatedAt, null, null, null, null);
    }

    /** The state the public sees: an open campaign whose deadline has passed is closed. */
    public CampaignState effectiveState(Instant now) {
        return schedule().effectiveState(now);
    }

    public boolean isPublic() {
        return CampaignState.PUBLIC.contains(state);
    }

    public boolean acceptsSignatures(Instant now) {
        return schedule().acceptsSignatures(now);
    }

    /** See {@link CampaignSchedule#acceptsConfirmations}. */
    public boolean acceptsConfirmations(Instant now, Duration grace) {
        return schedule().acceptsConfirmations(now, grace);
    }

    public CampaignSchedule schedule() {
        return new CampaignSchedule(state, deadline, closedAt);
    }

    public String title(Lang lang) {
        return lang.choose(titleEn, titleZh, titleZhHant);
    }

    public String summary(Lang lang) {
        return lang.choose(summaryEn, summaryZh, summaryZhHant);
    }

    public String body(Lang lang) {
        return lang.choose(bodyEn, bodyZh, bodyZhHant);
    }

    public String target(Lang lang) {
        return lang.choose(targetEn, targetZh, targetZhHant);
    }
}
