package org.cfcr.petitions.kernel.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.io.Writable;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.views.exceptions.ViewRenderingException;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;

import java.io.StringWriter;
import java.util.Map;

/**
 * Renders each page completely before the response starts. The stock renderer writes while the
 * response is being sent, so a template error there leaves the visitor with a hung connection;
 * here it becomes an exception that the error pages handle like any other. Pages that opt in are
 * rendered once while what they show is unchanged and stamped with each visitor's form time
 * ({@link SharedRenders}).
 */
@Singleton
@Replaces(ThymeleafViewsRenderer.class)
class EagerThymeleafRenderer<T> extends ThymeleafViewsRenderer<T> {

    private final SharedRenders shared = new SharedRenders();

    EagerThymeleafRenderer(AbstractConfigurableTemplateResolver templateResolver, TemplateEngine engine,
                           ClassPathResourceLoader resourceLoader, HttpLocaleResolver localeResolver) {
        super(templateResolver, engine, resourceLoader, localeResolver);
    }

    @Override
    public Writable render(String viewName, T data, HttpRequest<?> request) {
        SharedRenders.Key sharedKey = data instanceof Map<?, ?> model ? SharedRenders.key(viewName, model) : null;
        if (sharedKey != null) {
            return shared.page(sharedKey, (Map<?, ?>) data, model -> renderNow(viewName, model, request));
        }
        String html = renderNow(viewName, data, request);
        return out -> out.write(html);
    }

    @SuppressWarnings("unchecked")
    private String renderNow(String viewName, Object data, HttpRequest<?> request) {
        StringWriter page = new StringWriter(8192);
        try {
            super.render(viewName, (T) data, request).writeTo(page);
        } catch (Exception e) {
            throw new ViewRenderingException("Error rendering view " + viewName, e);
        }
        return page.toString();
    }
}
