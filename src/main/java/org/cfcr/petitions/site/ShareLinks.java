package org.cfcr.petitions.site;

import java.util.List;

/**
 * What a campaign page offers for passing it on, in the page's language: the address, plain links
 * to other services (nothing of theirs loads until a visitor follows one), the printable QR code's
 * page, and the preview that chat apps and social sites show for a pasted link (Open Graph).
 *
 * @param url         the campaign's address in this language, as shared
 * @param image       the absolute address of the preview image the service draws
 * @param ogLocale    the Open Graph locale of the page (en_US, zh_CN, zh_TW)
 */
public record ShareLinks(String url, String title, String description, String image, String ogLocale,
                         String qrPage, List<Target> targets) {

    /** A link to share through another service; {@code key} names it in the message bundles (share.to.KEY). */
    public record Target(String key, String href) {
    }
}
