package org.cfcr.petitions.signature;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** How a signer chose to appear in public lists. */
public enum PublicDisplay {
    FULL_NAME,
    INITIALS,
    HIDDEN;

    /** Compiled once: the confirm page and every signer list make initials of each name they show. */
    private static final Pattern SPACES = Pattern.compile("\\s+");

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
        String[] parts = SPACES.split(trimmed);
        if (parts.length == 1 && isHan(trimmed.codePointAt(0))) {
            return new String(Character.toChars(trimmed.codePointAt(0))) + "某";
        }
        StringJoiner initials = new StringJoiner(" ");
        for (String part : parts) {
            // the root locale: a server set to Turkish would make "i" an "İ"
            initials.add(new String(Character.toChars(part.codePointAt(0))).toUpperCase(Locale.ROOT) + ".");
        }
        return initials.toString();
    }

    private static boolean isHan(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
    }
}
