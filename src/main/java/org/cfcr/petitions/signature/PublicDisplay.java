package org.cfcr.petitions.signature;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a signer chose to appear in public lists. */
public enum PublicDisplay {
    FULL_NAME,
    INITIALS,
    HIDDEN;

    /** The name as the public may see it, or null when the signer chose not to be shown. */
    public String publicName(String name) {
        return switch (this) {
            case FULL_NAME -> name;
            case INITIALS -> initials(name);
            case HIDDEN -> null;
        };
    }

    /**
     * "Liu Xiaobo" becomes "L. X."; a name written without spaces in Chinese, Japanese or Korean
     * script keeps only its first character, the family name, followed by 某 ("a certain"), as
     * Chinese media write anonymised names: "刘晓波" becomes "刘某".
     */
    static String initials(String name) {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length == 1 && isHan(trimmed.codePointAt(0))) {
            return new String(Character.toChars(trimmed.codePointAt(0))) + "某";
        }
        return Arrays.stream(parts)
                .map(part -> new String(Character.toChars(part.codePointAt(0))).toUpperCase() + ".")
                .collect(Collectors.joining(" "));
    }

    private static boolean isHan(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
    }
}
