package org.cfcr.petitions.site;

import org.cfcr.petitions.kernel.i18n.Lang;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.AttributedString;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The picture a chat app or social site shows beside a pasted campaign link (1200 × 630, the size
 * they all take): the coalition's name, the title, the count and the progress toward the goal, in
 * the page's language. Drawn here with the JDK's own 2D graphics, so no outside service sees who
 * shares what. Chinese needs a font with its glyphs: the first installed of the families listed
 * (Debian and the image ship Noto CJK), else Java's logical SansSerif, which falls back per glyph.
 */
final class PreviewImage {

    static final int WIDTH = 1200;
    static final int HEIGHT = 630;
    private static final int MARGIN = 64;
    private static final Color ACCENT = new Color(0x8b1a1a);
    private static final Color PAPER = new Color(0xfbfaf7);
    private static final Color INK = new Color(0x1a1a1a);
    private static final Color MUTED = new Color(0x5a5a5a);
    private static final Color TRACK = new Color(0xe8e3da);
    // Traditional characters drawn in a font made for them: some differ in shape from their Simplified forms
    private static final List<String> SIMPLIFIED_FAMILIES = List.of("Noto Sans CJK SC", "Noto Sans CJK TC",
            "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback");
    private static final List<String> TRADITIONAL_FAMILIES = List.of("Noto Sans CJK TC", "Noto Sans CJK HK",
            "Noto Sans CJK SC", "Source Han Sans TC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback");
    private static final String SIMPLIFIED_FAMILY = installedFamily(SIMPLIFIED_FAMILIES);
    private static final String TRADITIONAL_FAMILY = installedFamily(TRADITIONAL_FAMILIES);

    /** What the picture says, every text already in the page's language. */
    record Content(Lang lang, String siteName, String title, String count, String countLabel, String goal, int percent) {
    }

    private PreviewImage() {
    }

    static byte[] png(Content content) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(PAPER);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(ACCENT);
            g.fillRect(0, 0, WIDTH, 96);
            g.setColor(Color.WHITE);
            String family = family(content.lang());
            g.setFont(new Font(family, Font.BOLD, 34));
            g.drawString(content.siteName(), MARGIN, 60);
            if (!content.title().isBlank()) { // a draft's text may be empty; text layout cannot measure nothing
                drawTitle(g, content.title(), family);
            }
            drawCount(g, content, family);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The title in up to three lines, broken where the language allows (between words, or between Chinese characters). */
    private static void drawTitle(Graphics2D g, String title, String family) {
        Font font = new Font(family, Font.BOLD, 62);
        AttributedString text = new AttributedString(title);
        text.addAttribute(TextAttribute.FONT, font);
        text.addAttribute(TextAttribute.FOREGROUND, INK);
        FontRenderContext context = g.getFontRenderContext();
        LineBreakMeasurer lines = new LineBreakMeasurer(text.getIterator(), context);
        float y = 150;
        int end = title.length();
        for (int line = 0; line < 3 && lines.getPosition() < end; line++) {
            int start = lines.getPosition();
            TextLayout layout = lines.nextLayout(WIDTH - 2 * MARGIN);
            y += layout.getAscent();
            if (line == 2 && lines.getPosition() < end) {
                layout = ellipsised(title.substring(start, lines.getPosition()), font, context);
            }
            layout.draw(g, MARGIN, y);
            y += layout.getDescent() + layout.getLeading() + 4;
        }
    }

    private static TextLayout ellipsised(String line, Font font, FontRenderContext context) {
        String shortened = line;
        while (shortened.length() > 1
                && new TextLayout(shortened + "…", font, context).getAdvance() > WIDTH - 2 * MARGIN) {
            shortened = shortened.substring(0, shortened.length() - 1);
        }
        return new TextLayout(shortened.strip() + "…", font, context);
    }

    private static void drawCount(Graphics2D g, Content content, String family) {
        int baseline = 520;
        g.setColor(ACCENT);
        g.setFont(new Font(family, Font.BOLD, 84));
        g.drawString(content.count(), MARGIN, baseline);
        int after = MARGIN + g.getFontMetrics().stringWidth(content.count()) + 18;
        g.setColor(INK);
        g.setFont(new Font(family, Font.PLAIN, 40));
        g.drawString(content.countLabel(), after, baseline);
        g.setColor(MUTED);
        g.setFont(new Font(family, Font.PLAIN, 34));
        int goalWidth = g.getFontMetrics().stringWidth(content.goal());
        g.drawString(content.goal(), WIDTH - MARGIN - goalWidth, baseline);
        float barY = 552;
        float barWidth = WIDTH - 2 * MARGIN;
        g.setColor(TRACK);
        g.fill(new RoundRectangle2D.Float(MARGIN, barY, barWidth, 28, 28, 28));
        int percent = Math.max(0, Math.min(100, content.percent()));
        if (percent > 0) {
            g.setColor(ACCENT);
            g.fill(new RoundRectangle2D.Float(MARGIN, barY, Math.max(28, barWidth * percent / 100f), 28, 28, 28));
        }
    }

    /** Whether the picture's font for the language has every character of the text (else some show as boxes). */
    static boolean draws(String text, Lang lang) {
        return new Font(family(lang), Font.PLAIN, 12).canDisplayUpTo(text) == -1;
    }

    private static String family(Lang lang) {
        return lang == Lang.ZH_HANT ? TRADITIONAL_FAMILY : SIMPLIFIED_FAMILY;
    }

    private static String installedFamily(List<String> preferred) {
        Set<String> installed = Set.copyOf(Arrays.asList(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
        return preferred.stream().filter(installed::contains).findFirst().orElse(Font.SANS_SERIF);
    }
}
