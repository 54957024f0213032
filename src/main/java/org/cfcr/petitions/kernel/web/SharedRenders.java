package org.cfcr.petitions.kernel.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.secret.SecretTokens;
import org.unbescape.html.HtmlEscape;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Pages that a crowd loads and that are the same for every visitor but for their tokens (the
 * campaign page's blank form) are rendered once per key and language, for at most a second, then
 * stamped with each visitor's CSRF and form tokens: rendering was most of such a page's cost. A
 * page opts in by a non-null {@link #MODEL_KEY} in its model that changes with everything it shows
 * besides the language (the campaign page: a hash of the campaign as shown, with its count, chart,
 * updates and challenge), so a change shows at once; a page with anything a visitor typed or chose
 * never opts in. Only requests whose query says nothing but the language share a render, so the
 * language switch's link is one of two, and no one can fill the cache with addresses of their own.
 */
final class SharedRenders {

    /** The page model's component that names a shared render (null: render for this visitor alone). */
    static final String MODEL_KEY = "sharedRender";
    static final String FORM_TOKEN = "formToken";
    /** How long a shared render is kept: a page's key changes with what it shows, so this only bounds memory. */
    static final Duration KEPT_FOR = Duration.ofSeconds(1);
    /** Bytes of rendered pages kept at once (a campaign page is about 28,000, plain and deflated): a few MB at most. */
    static final long KEPT_BYTES = 3_000_000;

    /** Stand-ins for the tokens while rendering, random per node: no page text can contain them by chance. */
    private final String csrfStand = "csrf" + SecretTokens.newToken().replaceAll("[^A-Za-z0-9]", "");
    private final String formStand = "form" + SecretTokens.newToken().replaceAll("[^A-Za-z0-9]", "");
    private final Cache<String, StampedPage.Parts> renders = Caffeine.newBuilder().maximumWeight(KEPT_BYTES)
            .weigher((String key, StampedPage.Parts parts) -> key.length() + parts.weight())
            .expireAfterWrite(KEPT_FOR).build();

    /** The key of this page's shared render, or null when it is rendered for this visitor alone. */
    @Nullable
    static String key(String viewName, Map<?, ?> model, Map<String, ?> queryParameters) {
        if (!(model.get(MODEL_KEY) instanceof String shared) || !(model.get(CsrfGuard.FIELD) instanceof String)
                || !(model.get(FORM_TOKEN) instanceof String)
                || !queryParameters.keySet().stream().allMatch(LanguageResolver.PARAM::equals)) {
            return null;
        }
        return viewName + "|" + shared + "|" + model.get("lang") + "|" + model.get("langSwitchHref");
    }

    /** The page for this visitor: the shared render (made now if none is fresh) with their tokens in it. */
    StampedPage page(String key, Map<?, ?> model, Function<Map<String, Object>, String> render) {
        StampedPage.Parts parts = renders.get(key, ignored -> {
            Map<String, Object> stand = new HashMap<>();
            model.forEach((name, value) -> stand.put(String.valueOf(name), value));
            stand.put(CsrfGuard.FIELD, csrfStand);
            stand.put(FORM_TOKEN, formStand);
            return StampedPage.split(render.apply(stand), csrfStand, formStand);
        });
        return parts.with(HtmlEscape.escapeHtml5((String) model.get(CsrfGuard.FIELD)),
                HtmlEscape.escapeHtml5((String) model.get(FORM_TOKEN)));
    }
}
