package org.cfcr.petitions.kernel.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every page needs besides its own model (a record per page, see {@link PageModels}):
 * language, the language switch, a CSRF token, and the addresses of the static files
 * ({@code assets.url('site.css')}).
 */
@Singleton
class PageModelProcessor implements ViewModelProcessor<Object> {

    /** The model's entry with the header's links to the page in the other languages. */
    static final String LANGUAGE_SWITCHES = "langSwitches";

    private final LanguageResolver languages;
    private final CsrfGuard csrf;
    private final StaticAssets assets;

    PageModelProcessor(LanguageResolver languages, CsrfGuard csrf, StaticAssets assets) {
        this.languages = languages;
        this.csrf = csrf;
        this.assets = assets;
    }

    /**
     * The same page in the other language. For a GET, a relative "?lang=xx" (keeping the other
     * query parameters) can only point at this same page; after a POST, the campaign page or home.
     */
    static String languageSwitchHref(HttpRequest<?> request, Lang other, Map<String, Object> model) {
        if (request.getMethod() != HttpMethod.GET) {
            Object campaign = model.get("campaign");
            String base = campaign instanceof CampaignAddress address ? "/campaigns/" + address.slug() : "/";
            return base + "?lang=" + other.code();
        }
        StringBuilder href = new StringBuilder("?");
        request.getParameters().forEach((name, values) -> {
            if (!LanguageResolver.PARAM.equals(name)) {
                for (String value : values) {
                    href.append(encode(name)).append('=').append(encode(value)).append('&');
                }
            }
        });
        return href.append("lang=").append(other.code()).toString();
    }

    /**
     * The switch of a shared page: the language and the page number it shows (the signer list's),
     * nothing else of the address, so that links with parameters of their own (a chat app's
     * tracking tag, a made-up page number) share the render and cannot fill the cache.
     */
    static String sharedLanguageSwitchHref(Lang other, Map<String, Object> model) {
        return (model.get("page") instanceof Integer page && page > 1 ? "?page=" + page + "&" : "?")
                + "lang=" + other.code();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Object> modelAndView) {
        Object page = modelAndView.getModel().orElse(null);
        Map<String, Object> model = PageModels.asMap(page);
        // a page that answers a form's POST is rendered for that visitor: its language switch leads
        // back to a page (languageSwitchHref), which a shared render's cannot
        SharedPage sharedPage = page instanceof SharedPage candidate ? candidate : null;
        Object shared = sharedPage != null && request.getMethod() == HttpMethod.GET ? sharedPage.sharedRender() : null;
        if (shared != null) {
            model.put(SharedRenders.MODEL_KEY, shared);
            model.put(SharedRenders.STAMPS_KEY, sharedPage.stamped());
        }
        Lang lang = languages.lang(request);
        model.put("lang", lang.code());
        model.put("assets", assets);
        List<LanguageSwitch> switches = new ArrayList<>(2);
        for (Lang other : Lang.values()) {
            if (other != lang) {
                switches.add(new LanguageSwitch(other.code(), other.ownName(), shared != null
                        ? sharedLanguageSwitchHref(other, model) : languageSwitchHref(request, other, model)));
            }
        }
        model.put(LANGUAGE_SWITCHES, List.copyOf(switches));
        // a shared page is the same for every visitor and holds no form that needs this browser's
        // token (its form is an OriginCheckedForm) unless it stamps the token: asking for one would
        // also set this browser's cookie
        boolean needsToken = sharedPage == null || sharedPage.stamped().contains(CsrfGuard.FIELD);
        if (!Embeddable.isEmbeddable(request.getPath()) && needsToken) {
            model.put(CsrfGuard.FIELD, csrf.formToken(request));
        }
        modelAndView.setModel(model);
    }
}
