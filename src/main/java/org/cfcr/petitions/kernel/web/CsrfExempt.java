package org.cfcr.petitions.kernel.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A form POST that {@link CsrfFilter} lets through without a token and without the origin check
 * (a mail program's one-click unsubscribe comes from its own servers, or from a webmail page on
 * another site). Only for a request whose credential is in its address (a signed link), where a
 * forged request can do nothing the link's holder could not; the reason belongs beside the
 * annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CsrfExempt {
}
