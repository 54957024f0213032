package org.cfcr.petitions.kernel.i18n;

import jakarta.inject.Singleton;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;

/** Thymeleaf's {@code #{...}} for pages and emails, through {@link Messages}. */
@Singleton
public class ThymeleafMessages extends AbstractMessageResolver {

    private final Messages messages;

    public ThymeleafMessages(Messages messages) {
        this.messages = messages;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
        return messages.has(key, context.getLocale()) ? messages.text(key, context.getLocale(), args) : null;
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                    Object[] args) {
        return "??" + key + "??";
    }
}
