package org.cfcr.petitions.press;

import org.cfcr.petitions.kernel.i18n.Lang;

import java.text.NumberFormat;
import java.util.Locale;

/** A small SVG image with a campaign's count, for sites and documents that cannot frame a page. */
final class Badge {

    private Badge() {
    }

    static String svg(long count, Lang lang) {
        String label = lang.choose("signatures", "签名", null);
        String number = NumberFormat.getIntegerInstance(Locale.US).format(count);
        int labelWidth = lang.isChinese() ? 44 : 76;
        int numberWidth = 14 + 8 * number.length();
        int width = labelWidth + numberWidth;
        // only digits, commas and a fixed label go into the markup: nothing here needs escaping
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"22\" role=\"img\" "
                + "aria-label=\"" + number + " " + label + "\">"
                + "<rect width=\"" + labelWidth + "\" height=\"22\" fill=\"#555\"/>"
                + "<rect x=\"" + labelWidth + "\" width=\"" + numberWidth + "\" height=\"22\" fill=\"#8b1a1a\"/>"
                + "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"12\" text-anchor=\"middle\">"
                + "<text x=\"" + labelWidth / 2 + "\" y=\"15\">" + label + "</text>"
                + "<text x=\"" + (labelWidth + numberWidth / 2) + "\" y=\"15\">" + number + "</text>"
                + "</g></svg>";
    }
}
