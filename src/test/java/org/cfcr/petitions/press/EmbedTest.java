package org.cfcr.petitions.press;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class EmbedTest extends ServiceTest {

    @Test
    void the_widget_may_be_framed_by_any_site_sets_no_cookie_and_stays_small() {
        Campaign campaign = openCampaign();
        Browser.Page widget = browser().get("/embed/" + campaign.slug() + "?lang=zh");
        assertEquals(200, widget.status());
        assertTrue(widget.header("Content-Security-Policy").contains("frame-ancestors *"));
        assertNull(widget.header("X-Frame-Options"));
        assertTrue(widget.response().headers().allValues("Set-Cookie").isEmpty(), "no cookies from the widget");
        assertTrue(widget.body().getBytes(StandardCharsets.UTF_8).length <= 10 * 1024, "at most 10 KB");
        assertTrue(widget.html().selectFirst("a.sign").attr("href").contains("/campaigns/" + campaign.slug()));
        assertEquals("_blank", widget.html().selectFirst("a.sign").attr("target"));
        assertEquals("释放囚犯", widget.html().selectFirst("a.title").text());
    }

    @Test
    void every_other_page_refuses_to_be_framed() {
        Campaign campaign = openCampaign();
        for (String path : new String[] {"/", "/campaigns/" + campaign.slug(), "/campaigns/" + campaign.slug() + "/signers"}) {
            Browser.Page page = browser().get(path);
            assertEquals("DENY", page.header("X-Frame-Options"), path);
            assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'none'"), path);
        }
    }

    @Test
    void the_badge_is_an_svg_image_of_the_count() {
        Campaign campaign = openCampaign();
        Browser.Page badge = browser().get("/badge/" + campaign.slug() + ".svg");
        assertEquals(200, badge.status());
        assertTrue(badge.header("Content-Type").startsWith("image/svg+xml"), badge.header("Content-Type"));
        assertTrue(badge.body().startsWith("<svg") && badge.body().contains(">0</text>"), badge.body());
        assertTrue(badge.response().headers().allValues("Set-Cookie").isEmpty());
        assertEquals(404, browser().get("/badge/no-such-campaign.svg").status());
    }
}
