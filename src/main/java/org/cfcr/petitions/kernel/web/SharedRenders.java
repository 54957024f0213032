package org.cfcr.petitions.kernel.web;

import com.github.benmanes.caffeine.cache.Cache;
import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.secret.SecretTokens;
import org.unbescape.html.HtmlEscape;
import org.unbescape.html.HtmlEscapeLevel;
import org.unbescape.html.HtmlEscapeType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Pages that a crowd loads and that are the same for every visitor but for the sign form's time
 * (the campaign page's blank form, the home page, the signer list, the press page, the widget,
 * check-your-email) are rendered once per key and language, for at most a second, then stamped with
 * each visitor's form time: rendering, encoding and compressing was most of such a page's cost. A
 * page opts in as a {@link SharedPage}, whose key is equal for pages that show the same (the record
 * itself, compared by value), so a change shows at once and no two pages can share a render. The
 * key never holds the raw address: the language switch of a shared page names only the language
 * and the page number (PageModelProcessor), so no one can fill the cache with addresses of their
 * own. A shared page holds no form that needs a browser's CSRF token unless it stamps the token;
 * one that did would be refused here, loudly, rather than sent with a token no browser could use.
 * <p>
 * The pages of a signer's own link (confirm, withdraw, unsubscribe) are shared the same way, with
 * the signer's details and the browser's CSRF token among the stamps ({@link SharedPage#stamped}):
 * their render is the campaign's and the language's, the details go in per view, and no one's
 * details are ever in the cache, which holds only stand-ins.
 */
final class SharedRenders {

    /** The page model's entry that names a shared render (absent: render for this visitor alone). */
    static final String MODEL_KEY = "sharedRender";
    /** The page model's entry that names the page's own stamps, besides the form's time. */
    static final String STAMPS_KEY = "sharedStamps";
    static final String FORM_TOKEN = "formToken";
    /** How long a shared render is kept: a page's key changes with what it shows, so this only bounds memory. */
    static final Duration KEPT_FOR = Duration.ofSeconds(1);
    /** Bytes of rendered pages kept at once (a campaign page is about 28,000, plain and deflated): a few MB at most. */
    static final long KEPT_BYTES = 3_000_000;

    /**
     * What names a render: the view, what the page shows, its language, its language switch, and
     * which of its stamps are there at all (a missing one can change the page's shape).
     */
    record Key(String view, Object shown, Object lang, Object languageSwitches, List<Boolean> stampsPresent) {
    }

    /** Stand-ins while rendering, random per node: no page text can contain them by chance. */
    private final String standPrefix = "stamp" + SecretTokens.newToken().replaceAll("[^A-Za-z0-9]", "");
    private final Cache<Key, StampedPage.Parts> renders = Caches.builder().maximumWeight(KEPT_BYTES)
            .weigher((Key key, StampedPage.Parts parts) -> 256 + parts.weight())
            .expireAfterWrite(KEPT_FOR).build();

    /** The key of this page's shared render, or null when it is rendered for this visitor alone. */
    @Nullable
    static Key key(String viewName, Map<?, ?> model) {
        Object shown = model.get(MODEL_KEY);
        if (shown == null) {
            return null;
        }
        List<Boolean> present = new ArrayList<>();
        for (String stamp : stamps(model)) {
            present.add(model.get(stamp) != null);
        }
        return new Key(viewName, shown, model.get("lang"), model.get(PageModelProcessor.LANGUAGE_SWITCHES),
                List.copyOf(present));
    }

    /** The model's stamps: the form's time, then the page's own. */
    private static List<String> stamps(Map<?, ?> model) {
        List<String> stamps = new ArrayList<>();
        stamps.add(FORM_TOKEN);
        if (model.get(STAMPS_KEY) instanceof List<?> own) {
            own.forEach(name -> stamps.add(String.valueOf(name)));
        }
        return stamps;
    }

    /** The page for this visitor: the shared render (made now if none is fresh) with their stamps in it. */
    StampedPage page(Key key, Map<?, ?> model, Function<Map<String, Object>, String> render) {
        List<String> stamps = stamps(model);
        StampedPage.Parts parts = renders.get(key, ignored -> {
            Map<String, Object> stand = new HashMap<>();
            model.forEach((name, value) -> stand.put(String.valueOf(name), value));
            List<String> stands = new ArrayList<>();
            for (int i = 0; i < stamps.size(); i++) {
                stands.add(standPrefix + "x" + i + "x");
                Object value = stand.get(stamps.get(i));
                if (value instanceof String) {
                    stand.put(stamps.get(i), stands.get(i));
                } else if (value != null) {
                    throw new IllegalStateException(key.view() + " stamps " + stamps.get(i) + ", which is no text");
                }
            }
            String html = render.apply(stand);
            if (html.contains("name=\"" + CsrfGuard.FIELD + "\"") && !stamps.contains(CsrfGuard.FIELD)) {
                throw new IllegalStateException(key.view() + " is a shared page but holds a form that needs a browser's token");
            }
            // a stamp must reach the page as it is: one the template changed (cut, upper-cased, encoded)
            // would leave its stand-in's remains where the visitor's value should be
            String rest = String.join("", html.split(standPrefix + "x\\d+x", -1));
            if (rest.toLowerCase(Locale.ROOT).contains(standPrefix.substring(0, 12).toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(key.view() + " changes a stamp on its way to the page");
            }
            return StampedPage.split(html, stands, stamps.size() == 1);
        });
        String[] values = new String[stamps.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = model.get(stamps.get(i)) instanceof String value ? escaped(value) : "";
        }
        return parts.with(values);
    }

    /** As Thymeleaf escapes text and attribute values: the characters that mean something in markup. */
    private static String escaped(String value) {
        return HtmlEscape.escapeHtml(value, HtmlEscapeType.HTML4_NAMED_REFERENCES_DEFAULT_TO_DECIMAL,
                HtmlEscapeLevel.LEVEL_1_ONLY_MARKUP_SIGNIFICANT);
    }
}
