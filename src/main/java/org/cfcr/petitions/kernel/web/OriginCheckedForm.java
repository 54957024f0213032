package org.cfcr.petitions.kernel.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public form on a page that shared caches keep (the campaign page's sign form): the page is the
 * same for every visitor, so it cannot carry a token of this browser's, and {@link CsrfFilter}
 * checks instead that the browser says the form came from our own page ({@link SameOriginPolicy#confirms}):
 * {@code Sec-Fetch-Site: same-origin}, or our own {@code Origin}. A request that says neither is
 * refused. Only for forms that act for no session and no account: what a forged request could do
 * is what anyone can do by sending the form themselves, from their own address.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OriginCheckedForm {

    /** The Referrer-Policy of a page with such a form: our origin to us, nothing to other sites. */
    String PAGE_REFERRER_POLICY = "same-origin";
}
