package org.cfcr.petitions.campaign;

import com.github.benmanes.caffeine.cache.Cache;
import jakarta.inject.Singleton;
import org.cfcr.petitions.count.PublicCounts;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.i18n.Lang;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Builds {@link CampaignView}s from campaigns and the public counts. */
@Singleton
public class CampaignViews {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final Map<Lang, DateTimeFormatter> READERS_DAY = new EnumMap<>(Lang.class);

    static {
        for (Lang lang : Lang.values()) {
            READERS_DAY.put(lang, DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(lang.locale())
                    .withZone(ZoneOffset.UTC));
        }
    }

    private final PublicCounts counts;
    private final Clock clock;
    // the busiest read (a viral campaign's count, thousands a second) would otherwise split the
    // same text with a regular expression every time; campaigns come from CampaignCatalog's cache,
    // so the key is usually the very same String, whose hash is kept
    private final Cache<String, List<String>> paragraphsOfText = Caches.builder().maximumSize(256).build();

    public CampaignViews(PublicCounts counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
    }

    public CampaignView of(Campaign campaign, Lang lang) {
        long count = counts.confirmed(campaign.id());
        int percent = campaign.goal() <= 0 ? 100 : (int) Math.min(100, count * 100 / campaign.goal());
        List<String> paragraphs = paragraphsOfText.get(campaign.body(lang), CampaignViews::paragraphs);
        return new CampaignView(campaign.slug(), campaign.title(lang), campaign.summary(lang), campaign.target(lang),
                paragraphs, campaign.goal(), count, percent, campaign.effectiveState(Instant.now(clock)),
                campaign.deadline() == null ? null : DAY.format(campaign.deadline()), counts.byCountry(campaign.id()),
                counts.isStale() ? counts.loadedAt().toString() : null, counts.isStale(),
                campaign.deadline() == null ? null : READERS_DAY.get(lang).format(campaign.deadline()));
    }

    /** A text split at its empty lines, as every page and email shows it. */
    public static List<String> paragraphs(String text) {
        return Arrays.stream(text.split("\\R\\s*\\R")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    public List<CampaignView> of(List<Campaign> campaigns, Lang lang) {
        return campaigns.stream().map(c -> of(c, lang)).toList();
    }
}
