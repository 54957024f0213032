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

/**
 * Renders each page completely before the response starts. The stock renderer writes while the
 * response is being sent, so a template error there leaves the visitor with a hung connection;
 * here it becomes an exception that the error pages handle like any other.
 */
@Singleton
@Replaces(ThymeleafViewsRenderer.class)
class EagerThymeleafRenderer<T> extends ThymeleafViewsRenderer<T> {

    EagerThymeleafRenderer(AbstractConfigurableTemplateResolver templateResolver, TemplateEngine engine,
                           ClassPathResourceLoader resourceLoader, HttpLocaleResolver localeResolver) {
        super(templateResolver, engine, resourceLoader, localeResolver);
    }

    @Override
    public Writable render(String viewName, T data, HttpRequest<?> request) {
        StringWriter page = new StringWriter(8192);
        try {
            super.render(viewName, data, request).writeTo(page);
        } catch (Exception e) {
            throw new ViewRenderingException("Error rendering view " + viewName, e);
        }
        String html = page.toString();
        return out -> out.write(html);
    }
}
