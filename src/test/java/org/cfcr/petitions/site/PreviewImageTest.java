package org.cfcr.petitions.site;

import org.cfcr.petitions.kernel.i18n.Lang;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The link-preview picture: drawn for any title, Chinese in a font that has its characters. */
class PreviewImageTest {

    @Test
    void chinese_titles_are_drawn_in_a_font_with_their_characters_in_either_script() {
        boolean cjkInstalled = Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .anyMatch(family -> family.startsWith("Noto Sans CJK"));
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(cjkInstalled, "apt-get install fonts-noto-cjk (CI installs it)");
        }
        assertTrue(PreviewImage.draws("政府官员必须申报财产 释放刘晓波和陈光诚", Lang.ZH));
        assertTrue(PreviewImage.draws("政府官員必須申報財產 釋放劉曉波和陳光誠", Lang.ZH_HANT));
    }

    @Test
    void a_draft_with_no_title_yet_still_gets_its_picture() throws IOException {
        byte[] png = PreviewImage.png(new PreviewImage.Content(Lang.ZH, "公民自由联盟", "", "0", "个签名", "目标：1", 0));
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(PreviewImage.WIDTH, picture.getWidth());
        assertEquals(PreviewImage.HEIGHT, picture.getHeight());
    }
}
