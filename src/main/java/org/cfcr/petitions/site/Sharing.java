package org.cfcr.petitions.site;

import com.github.benmanes.caffeine.cache.Cache;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.CampaignView;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.web.PublicLinks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds a campaign's {@link ShareLinks}. The shared address names the page's language, so that a
 * link passed on in Chinese opens, and previews, in Chinese for whoever receives it. Only the
 * address and the title go into the other services' links: nothing about the person sharing.
 */
@Singleton
public class Sharing {

    private record Key(String slug, String title, String summary, Lang lang) {
    }

    private final PublicLinks links;
    // every view of a campaign page asks, and the answer changes only with the texts: made once
    private final Cache<Key, ShareLinks> made = Caches.builder().maximumSize(1_000).build();

    Sharing(PublicLinks links) {
        this.links = links;
    }

    public ShareLinks of(CampaignView campaign, Lang lang) {
        return made.get(new Key(campaign.slug(), campaign.title(), campaign.summary(), lang), key -> make(campaign, lang));
    }

    private ShareLinks make(CampaignView campaign, Lang lang) {
        String path = "/campaigns/" + campaign.slug();
        String url = links.link(path + "?lang=" + lang.code());
        String title = campaign.title();
        String text = encode(title);
        String address = encode(url);
        // messengers first; the social sites after them, Weibo last: its accounts carry real names
        // and are read by the state, so the box must not lead Chinese readers to it first
        List<ShareLinks.Target> targets = List.of(
                new ShareLinks.Target("telegram", "https://t.me/share/url?url=" + address + "&text=" + text),
                new ShareLinks.Target("whatsapp", "https://wa.me/?text=" + text + "%20" + address),
                new ShareLinks.Target("line", "https://social-plugins.line.me/lineit/share?url=" + address),
                new ShareLinks.Target("x", "https://x.com/intent/post?text=" + text + "&url=" + address),
                new ShareLinks.Target("facebook", "https://www.facebook.com/sharer/sharer.php?u=" + address),
                new ShareLinks.Target("weibo", "https://service.weibo.com/share/share.php?url=" + address + "&title=" + text),
                new ShareLinks.Target("email", "mailto:?subject=" + text + "&body=" + encode(campaign.summary())
                        + "%0A%0A" + address));
        return new ShareLinks(url, title, campaign.summary(),
                links.link(path + "/preview.png?lang=" + lang.code()), ogLocale(lang),
                path + "/qr?lang=" + lang.code(), targets);
    }

    static String ogLocale(Lang lang) {
        return switch (lang) {
            case EN -> "en_US";
            case ZH -> "zh_CN";
            case ZH_HANT -> "zh_TW";
        };
    }

    /** Percent-encoding that is right in a query and in a mailto: link alike (a space as %20, never +). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
