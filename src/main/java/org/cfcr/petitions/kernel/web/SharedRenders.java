package org.cfcr.petitions.kernel.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.secret.SecretTokens;
import org.unbescape.html.HtmlEscape;

import java.time.Duration;
import java.util.HashMap;
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
 * own. A shared page holds no form that needs a browser's CSRF token; one that did would be refused
 * here, loudly, rather than sent with a token no browser could use.
 */
final class SharedRenders {

    /** The page model's entry that names a shared render (absent: render for this visitor alone). */
    static final String MODEL_KEY = "sharedRender";
    static final String FORM_TOKEN = "formToken";
    /** How long a shared render is kept: a page's key changes with what it shows, so this only bounds memory. */
    static final Duration KEPT_FOR = Duration.ofSeconds(1);
    /** Bytes of rendered pages kept at once (a campaign page is about 28,000, plain and deflated): a few MB at most. */
    static final long KEPT_BYTES = 3_000_000;

    /** What names a render: the view, what the page shows, its language and its language switch. */
    record Key(String view, Object shown, Object lang, Object languageSwitches) {
    }

    /** Stand-in for the form's time while rendering, random per node: no page text can contain it by chance. */
    private final String formStand = "form" + SecretTokens.newToken().replaceAll("[^A-Za-z0-9]", "");
    private final Cache<Key, StampedPage.Parts> renders = Caffeine.newBuilder().maximumWeight(KEPT_BYTES)
            .weigher((Key key, StampedPage.Parts parts) -> 256 + parts.weight())
            .expireAfterWrite(KEPT_FOR).build();

    /** The key of this page's shared render, or null when it is rendered for this visitor alone. */
    @Nullable
    static Key key(String viewName, Map<?, ?> model) {
        Object shown = model.get(MODEL_KEY);
        return shown == null ? null : new Key(viewName, shown, model.get("lang"),
                model.get(PageModelProcessor.LANGUAGE_SWITCHES));
    }

    /** The page for this visitor: the shared render (made now if none is fresh) with their form time in it. */
    StampedPage page(Key key, Map<?, ?> model, Function<Map<String, Object>, String> render) {
        StampedPage.Parts parts = renders.get(key, ignored -> {
            Map<String, Object> stand = new HashMap<>();
            model.forEach((name, value) -> stand.put(String.valueOf(name), value));
            if (stand.containsKey(FORM_TOKEN)) {
                stand.put(FORM_TOKEN, formStand);
            }
            String html = render.apply(stand);
            if (html.contains("name=\"" + CsrfGuard.FIELD + "\"")) {
                throw new IllegalStateException(key.view() + " is a shared page but holds a form that needs a browser's token");
            }
            return StampedPage.split(html, formStand);
        });
        return parts.with(model.get(FORM_TOKEN) instanceof String token ? HtmlEscape.escapeHtml5(token) : "");
    }
}
