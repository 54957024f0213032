package org.cfcr.petitions.support;

import java.util.Map;

/**
 * A journey in a real browser: the service listens on a port of its own, and its public address is
 * the one the browser opens, since the sign form is taken only from a page of the service's own origin.
 */
public abstract class BrowserJourney extends ServiceTest {

    protected final int port = freePort();
    /** The service's address as the browser opens it (localhost, where Chromium allows what a secure site may). */
    protected final String origin = "http://localhost:" + port;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", Integer.toString(port), "petitions.site.public-base-url", origin);
    }
}
