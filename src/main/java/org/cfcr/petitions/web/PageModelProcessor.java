package org.cfcr.petitions.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/** What every page needs besides its own model: language, the language switch, a CSRF token. */
@Singleton
class PageModelProcessor implements ViewModelProcessor<Map<String, Object>> {

    private final LanguageResolver languages;
    private final CsrfGuard csrf;

    PageModelProcessor(LanguageResolver languages, CsrfGuard csrf) {
        this.languages = languages;
        this.csrf = csrf;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> modelAndView) {
        Map<String, Object> model = new HashMap<>(modelAndView.getModel().orElseGet(Map::of));
        Lang lang = languages.lang(request);
        model.put("lang", lang.code());
        model.put("otherLang", lang == Lang.EN ? Lang.ZH.code() : Lang.EN.code());
        model.put("path", request.getPath());
        model.put(CsrfGuard.FIELD, csrf.formToken(request));
        modelAndView.setModel(model);
    }
}
