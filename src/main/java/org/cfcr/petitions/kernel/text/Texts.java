package org.cfcr.petitions.kernel.text;

/** Which characters any text typed by a person may hold, wherever it is stored or shown. */
public final class Texts {

    private Texts() {
    }

    /**
     * Letters of any script, digits, punctuation and emoji are fine. Refused: control characters,
     * invisible direction overrides (used to disguise text), unpaired surrogates, and U+FFFD, which
     * stands for bytes that were not valid UTF-8.
     */
    public static boolean isAllowedInText(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            return false;
        }
        if (codePoint == 0xFFFD || codePoint == 0xFEFF) {
            return false;
        }
        boolean bidiControl = (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x200E || codePoint == 0x200F || codePoint == 0x061C;
        return !bidiControl;
    }

    /** The same, for texts of several paragraphs (campaign texts, updates): line breaks and tabs too. */
    public static boolean isAllowedInLongText(int codePoint) {
        return codePoint == '\n' || codePoint == '\t' || isAllowedInText(codePoint);
    }
}
