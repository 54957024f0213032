package org.cfcr.petitions.kernel.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.views.ModelAndView;

/**
 * A page of its own, shown with an error status. Controllers throw it instead of returning a 404
 * response, which Micronaut would replace with the generic "page not found".
 */
public class PageException extends RuntimeException {

    private final HttpStatus status;
    private final transient ModelAndView<Object> page;

    /** @param model the page's record (or map) */
    public PageException(HttpStatus status, String view, Object model) {
        super(view + " " + status, null, false, false);
        this.status = status;
        this.page = new ModelAndView<>(view, model);
    }

    /** The error page with this status and message, for a refusal that is not a {@link DomainException}. */
    public static PageException error(HttpStatus status, String messageKey) {
        return new PageException(status, "error", new ErrorPage(status.getCode(), messageKey, null));
    }

    public HttpStatus status() {
        return status;
    }

    public ModelAndView<Object> page() {
        return page;
    }
}
