package org.cfcr.petitions.kernel.web;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Absolute links for emails. PUBLIC_BASE_URL in production; by default the local address of
 * this server, so that trying the service needs no setting.
 */
@Singleton
public class PublicLinks {

    private final String base;

    public PublicLinks(SiteSettings config, @Value("${micronaut.server.port}") int port) {
        String configured = config.publicBaseUrl() == null ? "" : config.publicBaseUrl().strip();
        String chosen = configured.isEmpty() ? "http://localhost:" + (port > 0 ? port : 8080) : configured;
        this.base = chosen.endsWith("/") ? chosen.substring(0, chosen.length() - 1) : chosen;
    }

    /** The absolute URL of a path on this service, e.g. {@code link("/confirm/abc")}. */
    public String link(String path) {
        return base + path;
    }

    /** Whether visitors reach the service over TLS, so cookies can be marked Secure. */
    public boolean isHttps() {
        return base.startsWith("https://");
    }
}
