package org.cfcr.petitions.kernel.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.secret.SecretTokens;
import org.unbescape.html.HtmlEscape;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Pages that a crowd loads and that are the same for every visitor but for their tokens (the
 * campaign page's blank form, the home page, the signer list, the press page, the widget) are
 * rendered once per key and language, for at most a second, then stamped with each visitor's CSRF
 * and form tokens: rendering, encoding and compressing was most of such a page's cost. A page opts
 * in as a {@link SharedPage}, whose key changes with everything it shows besides the language, so a
 * change shows at once; a page with anything a visitor typed or chose never opts in. Only requests
 * whose query says nothing but the language and the page number share a render, so the language
 * switch's link is one of a few, and no one can fill the cache with addresses of their own.
 */
final class SharedRenders {

    /** The page model's component that names a shared render (null: render for this visitor alone). */
    static final String MODEL_KEY = "sharedRender";
    static final String FORM_TOKEN = "formToken";
    /** How long a shared render is kept: a page's key changes with what it shows, so this only bounds memory. */
    static final Duration KEPT_FOR = Duration.ofSeconds(1);
    /** Bytes of rendered pages kept at once (a campaign page is about 28,000, plain and deflated): a few MB at most. */
    static final long KEPT_BYTES = 3_000_000;

    /** The model's per-visitor values, each replaced by a stand-in while rendering. */
    private static final List<String> TOKENS = List.of(CsrfGuard.FIELD, FORM_TOKEN);
    private static final Set<String> SHAREABLE_QUERY = Set.of(LanguageResolver.PARAM, "page");

    /** Stand-ins for the tokens while rendering, random per node: no page text can contain them by chance. */
    private final List<String> stands = TOKENS.stream()
            .map(name -> "stand" + SecretTokens.newToken().replaceAll("[^A-Za-z0-9]", "")).toList();
    private final Cache<String, StampedPage.Parts> renders = Caffeine.newBuilder().maximumWeight(KEPT_BYTES)
            .weigher((String key, StampedPage.Parts parts) -> key.length() + parts.weight())
            .expireAfterWrite(KEPT_FOR).build();

    /** The key of this page's shared render, or null when it is rendered for this visitor alone. */
    @Nullable
    static String key(String viewName, Map<?, ?> model, Map<String, ?> queryParameters) {
        if (!(model.get(MODEL_KEY) instanceof String shared) || !SHAREABLE_QUERY.containsAll(queryParameters.keySet())) {
            return null;
        }
        return viewName + "|" + shared + "|" + model.get("lang") + "|" + model.get("langSwitchHref");
    }

    /** The page for this visitor: the shared render (made now if none is fresh) with their tokens in it. */
    StampedPage page(String key, Map<?, ?> model, Function<Map<String, Object>, String> render) {
        StampedPage.Parts parts = renders.get(key, ignored -> {
            Map<String, Object> stand = new HashMap<>();
            model.forEach((name, value) -> stand.put(String.valueOf(name), value));
            for (int i = 0; i < TOKENS.size(); i++) {
                if (stand.containsKey(TOKENS.get(i))) {
                    stand.put(TOKENS.get(i), stands.get(i));
                }
            }
            return StampedPage.split(render.apply(stand), stands.toArray(String[]::new));
        });
        return parts.with(TOKENS.stream()
                .map(name -> model.get(name) instanceof String token ? HtmlEscape.escapeHtml5(token) : "")
                .toArray(String[]::new));
    }
}
