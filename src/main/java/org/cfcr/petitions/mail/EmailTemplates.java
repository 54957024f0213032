package org.cfcr.petitions.mail;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.i18n.ThymeleafMessages;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;

/**
 * Thymeleaf for emails: every email has an HTML template (escaped like the pages) and a plain-text
 * template, under views/email/, and takes its wording from the same message bundles as the pages.
 */
@Singleton
public class EmailTemplates {

    private final TemplateEngine html;
    private final TemplateEngine text;

    EmailTemplates(ThymeleafMessages messages) {
        this.html = engine(TemplateMode.HTML, ".html", messages);
        this.text = engine(TemplateMode.TEXT, ".txt", messages);
    }

    public String html(String template, Context context) {
        return html.process(template, context);
    }

    public String text(String template, Context context) {
        return text.process(template, context);
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix, ThymeleafMessages messages) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailTemplates.class.getClassLoader());
        resolver.setPrefix("views/email/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setMessageResolver(messages);
        return engine;
    }
}
