package org.cfcr.petitions.kernel.web;

/** A form arrived without the token of a page this service showed to the same browser. */
public class CsrfRejectedException extends RuntimeException {
    public CsrfRejectedException() {
        super("Missing or wrong CSRF token", null, false, false);
    }
}
