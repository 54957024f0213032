package org.cfcr.petitions.mail;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * Whether SMTP_HOST names a server. application.yml maps the variable explicitly, so the property
 * is always there, empty when unset: presence alone would not tell.
 */
final class SmtpServerSet implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        return isSet(context);
    }

    static boolean isSet(ConditionContext context) {
        return context.getProperty("smtp.host", String.class).filter(host -> !host.isBlank()).isPresent();
    }

    /** The opposite: no SMTP server, emails go to a folder. */
    static final class Unset implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !isSet(context);
        }
    }
}
