package org.cfcr.petitions.campaign;

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
        Instant updatedAt) {

    /** The state the public sees: an open campaign whose deadline has passed is closed. */
    public CampaignState effectiveState(Instant now) {
        if (state == CampaignState.OPEN && deadline != null && !now.isBefore(deadline)) {
            return CampaignState.CLOSED;
        }
        return state;
    }

    public boolean isPublic() {
        return CampaignState.PUBLIC.contains(state);
    }

    public boolean acceptsSignatures(Instant now) {
        return effectiveState(now) == CampaignState.OPEN;
    }

    /**
     * A signature made while the campaign was open may still be confirmed for a grace period after
     * it closes: the signer may read the email a day later.
     */
    public boolean acceptsConfirmations(Instant now, Duration grace) {
        return switch (effectiveState(now)) {
            case OPEN -> true;
            case DRAFT -> false;
            case CLOSED -> closedSince() != null && now.isBefore(closedSince().plus(grace));
        };
    }

    @Nullable
    private Instant closedSince() {
        if (closedAt != null && (deadline == null || closedAt.isBefore(deadline))) {
            return closedAt;
        }
        return deadline != null ? deadline : closedAt;
    }

    public String title(Lang lang) {
        return lang == Lang.ZH ? titleZh : titleEn;
    }

    public String summary(Lang lang) {
        return lang == Lang.ZH ? summaryZh : summaryEn;
    }

    public String body(Lang lang) {
        return lang == Lang.ZH ? bodyZh : bodyEn;
    }

    public String target(Lang lang) {
        return lang == Lang.ZH ? targetZh : targetEn;
    }
}
