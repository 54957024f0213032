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

    public HttpStatus status() {
        return status;
    }

    public ModelAndView<Object> page() {
        return page;
    }
}
