package org.cfcr.petitions.kernel.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.views.thymeleaf.ThymeleafFactory;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.i18n.ThymeleafMessages;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.IEngineContextFactory;
import org.thymeleaf.linkbuilder.ILinkBuilder;
import org.thymeleaf.templateresolver.ITemplateResolver;

/** The page template engine, as Micronaut Views builds it, but with {@link ThymeleafMessages}. */
@Factory
class ThymeleafEngineFactory {

    @Singleton
    @Replaces(bean = TemplateEngine.class, factory = ThymeleafFactory.class)
    TemplateEngine templateEngine(ITemplateResolver templateResolver, IEngineContextFactory engineContextFactory,
                                  ILinkBuilder linkBuilder, ThymeleafMessages messages) {
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(templateResolver);
        engine.setEngineContextFactory(engineContextFactory);
        engine.setLinkBuilder(linkBuilder);
        engine.setMessageResolver(messages);
        return engine;
    }
}
