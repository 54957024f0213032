package org.cfcr.petitions.kernel.i18n;

import io.micronaut.context.MessageSource;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Texts from the message bundles, with {@code {0}}-style arguments put in literally. Arguments are
 * often text that people typed (a signer's name, a campaign title): they are inserted once and
 * never read as patterns, so an apostrophe or a brace in them comes out as typed.
 */
@Singleton
public class Messages {

    private final MessageSource source;

    public Messages(MessageSource source) {
        this.source = source;
    }

    public String text(String key, Locale locale, Object... args) {
        return source.getRawMessage(key, MessageSource.MessageContext.of(locale))
                .map(pattern -> fill(pattern, args))
                .orElse(key);
    }

    public boolean has(String key, Locale locale) {
        return source.getRawMessage(key, MessageSource.MessageContext.of(locale)).isPresent();
    }

    static String fill(String pattern, Object... args) {
        if (args == null || args.length == 0 || pattern.indexOf('{') < 0) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && isIndex(pattern, i + 1, close)) {
                int index = Integer.parseInt(pattern.substring(i + 1, close));
                out.append(index < args.length ? String.valueOf(args[index]) : pattern.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isIndex(String text, int from, int to) {
        if (to - from > 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
