package org.cfcr.petitions.journeys;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A supporter passes a campaign on: a pasted link previews with the campaign's title and a picture
 * the service draws, in the page's language; the share links carry the address and the title and
 * nothing of the person sharing; the QR code reads back as the campaign's address.
 */
@MicronautTest(transactional = false)
class SupporterSharesTheCampaign extends ServiceTest {

    private static final String BASE = "http://petitions.test";
    private static final Map<String, String> TITLES = Map.of("en", "Release the prisoners", "zh", "释放囚犯",
            "zh-Hant", "釋放囚犯");
    private static final Map<String, String> OG_LOCALES = Map.of("en", "en_US", "zh", "zh_CN", "zh-Hant", "zh_TW");

    @Test
    void a_pasted_link_previews_with_the_title_and_a_picture_drawn_by_the_service_in_the_pages_language() throws Exception {
        Campaign campaign = openCampaign();
        for (String lang : TITLES.keySet()) {
            Document page = browser().get("/campaigns/" + campaign.slug() + "?lang=" + lang).html();
            String address = BASE + "/campaigns/" + campaign.slug() + "?lang=" + lang;
            assertEquals(TITLES.get(lang), meta(page, "og:title"));
            assertEquals(address, meta(page, "og:url"), "the shared address opens the page in the language it was shared in");
            assertEquals(OG_LOCALES.get(lang), meta(page, "og:locale"));
            assertEquals("summary_large_image", page.selectFirst("meta[name=twitter:card]").attr("content"));
            assertEquals(address, page.selectFirst("link[rel=canonical]").attr("href"));

            URI image = URI.create(meta(page, "og:image"));
            assertEquals(BASE, image.getScheme() + "://" + image.getHost(), "chat apps need an absolute address of ours");
            HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getPort() + image.getRawPath() + "?" + image.getRawQuery())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, png.statusCode());
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
            assertTrue(png.headers().firstValue("Cache-Control").orElse("").startsWith("public"), "crawlers and caches may keep it");
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png.body()));
            assertNotNull(picture, "a PNG image");
            assertEquals(1200, picture.getWidth());
            assertEquals(630, picture.getHeight());
        }
    }

    @Test
    void share_links_carry_the_address_and_the_title_only_and_point_where_they_say() {
        Campaign campaign = openCampaign();
        Browser one = browser();
        Browser another = browser().acceptLanguage("en");
        Document page = one.get("/campaigns/" + campaign.slug() + "?lang=en").html();
        String address = BASE + "/campaigns/" + campaign.slug() + "?lang=en";
        assertEquals(address, page.selectFirst("#share-url").attr("value"));
        Set<String> hosts = Set.of("x.com", "www.facebook.com", "t.me", "wa.me", "service.weibo.com",
                "social-plugins.line.me");
        int links = 0;
        for (Element link : page.select(".share-targets a")) {
            String href = link.attr("href");
            String decoded = URLDecoder.decode(href, StandardCharsets.UTF_8);
            assertTrue(decoded.contains(address), href + " carries the campaign's address");
            assertTrue(link.attr("rel").contains("noreferrer"), "following a share link tells the site nothing more");
            if (!href.startsWith("mailto:")) {
                assertTrue(hosts.contains(URI.create(href).getHost()), href);
            }
            links++;
        }
        assertEquals(7, links, "X, Facebook, Telegram, WhatsApp, Weibo, LINE and email");
        Document elsewhere = another.from("203.0.113.9").withCookie("lang", "zh")
                .get("/campaigns/" + campaign.slug() + "?lang=en&utm_source=chat%3Cb%3E&page=7").html();
        assertEquals(page.selectFirst("section.share").outerHtml(), elsewhere.selectFirst("section.share").outerHtml(),
                "nothing in the share links belongs to the visitor, their address or the address they came by");
        assertFalse(elsewhere.outerHtml().contains("utm_source"), "a parameter of the visitor's is not echoed");
        assertTrue(page.select("img[src^=http], script[src^=http], iframe, link[href^=http][rel=stylesheet]").isEmpty(),
                "the page loads nothing from the sites it links to");
    }

    @Test
    void the_qr_code_reads_back_as_the_campaigns_address() throws Exception {
        Campaign campaign = openCampaign();
        Document page = browser().get("/campaigns/" + campaign.slug() + "?lang=zh").html();
        Browser.Page qr = browser().get(page.selectFirst(".share a[href*=/qr]").attr("href"));
        assertEquals(200, qr.status());
        String address = BASE + "/campaigns/" + campaign.slug() + "?lang=zh";
        assertEquals(address, decode(qr.html().selectFirst("figure.qr svg").outerHtml()));
        assertTrue(qr.body().contains(address), "the address is printed under the code too");

        Browser.Page svg = browser().get("/campaigns/" + campaign.slug() + "/qr.svg?lang=zh");
        assertEquals(200, svg.status());
        assertTrue(svg.header("Content-Type").startsWith("image/svg+xml"));
        assertEquals(address, decode(svg.body()));
    }

    @Test
    void sharing_a_campaign_that_is_not_public_finds_nothing() {
        assertEquals(404, browser().get("/campaigns/no-such-campaign/preview.png").status());
        assertEquals(404, browser().get("/campaigns/no-such-campaign/qr").status());
        Campaign draft = campaign(CampaignState.DRAFT, null, null);
        assertEquals(404, browser().get("/campaigns/" + draft.slug() + "/preview.png").status());
        Browser.Page qr = browser().get("/campaigns/" + draft.slug() + "/qr.svg");
        assertEquals(404, qr.status());
        assertFalse(qr.body().contains("<svg"));
    }

    @Test
    void a_hostile_title_stays_text_in_the_tags_the_links_the_code_and_the_picture() throws Exception {
        String hostile = "Free them\" onload=\"alert(1)' <script>x</script> &url=https://evil.example/\n#top";
        Instant now = Instant.now();
        Campaign campaign = campaigns.save(new Campaign(null, "hostile-" + UUID.randomUUID().toString().substring(0, 8),
                CampaignState.OPEN, 1000, null, null, hostile, "释放<他们>\"&", "A <b>summary</b>", "摘要",
                "Body.", "正文。", "Target", "目标", false, now, now));
        for (String lang : List.of("en", "zh")) {
            Browser.Page page = browser().get("/campaigns/" + campaign.slug() + "?lang=" + lang);
            assertEquals(200, page.status());
            assertFalse(page.body().contains("<script>x</script>") || page.body().contains("<他们>"), "escaped everywhere");
            Document html = page.html();
            String title = lang.equals("en") ? hostile : "释放<他们>\"&";
            assertEquals(title, meta(html, "og:title"), "the tag holds the title as text");
            assertEquals(BASE + "/campaigns/" + campaign.slug() + "?lang=" + lang, meta(html, "og:url"));
            for (Element link : html.select(".share-targets a")) {
                URI target = URI.create(link.attr("href"));
                if (!"mailto".equals(target.getScheme())) {
                    assertFalse(target.getHost().contains("evil"), link.attr("href"));
                    assertFalse(target.getRawQuery().contains("evil.example/&") || target.getRawQuery().contains("&url=https"),
                            "the title cannot add a parameter of its own: " + link.attr("href"));
                }
            }
            assertEquals(BASE + "/campaigns/" + campaign.slug() + "?lang=" + lang,
                    decode(browser().get("/campaigns/" + campaign.slug() + "/qr.svg?lang=" + lang).body()));
            HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getPort() + "/campaigns/" + campaign.slug() + "/preview.png?lang=" + lang)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, png.statusCode());
            assertNotNull(ImageIO.read(new ByteArrayInputStream(png.body())));
        }
    }

    private static String meta(Document page, String property) {
        Element meta = page.selectFirst("meta[property=" + property + "]");
        assertNotNull(meta, property + " is on the page");
        return meta.attr("content");
    }

    /** Reads a QR code drawn as one SVG path of unit squares ("M x y h1v1h-1z"), as a phone camera would. */
    private static String decode(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(box.find(), svg);
        int size = Integer.parseInt(box.group(1));
        int scale = 6;
        int[] pixels = new int[size * scale * size * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0;
                }
            }
        }
        RGBLuminanceSource source = new RGBLuminanceSource(size * scale, size * scale, pixels);
        // a clean code drawn from its own modules: read as such (the camera-photo detector missed
        // the finder patterns of some random slugs' codes)
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
