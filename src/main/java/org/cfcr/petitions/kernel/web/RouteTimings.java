package org.cfcr.petitions.kernel.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency by route for Prometheus ({@code http_server_requests_seconds}), labelled by the route's
 * template ({@code /campaigns/{slug}}), never by the path a visitor sent, so no campaign, token or
 * probe adds a series. Micrometer's own binder names every redirect "REDIRECTION", and the form
 * signature and the confirmation both answer 303: their routes would disappear. Streams (live
 * counts, downloads) are timed to their first byte. A method Netty does not know is "CUSTOM",
 * whatever name a client invented. Requests are counted for {@link VisitorLoad} here because this
 * filter is the first that every request meets.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class RouteTimings implements Ordered {

    private static final String STARTED = RouteTimings.class.getName() + ".started";
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry meters;
    private final VisitorLoad load;
    /** Micrometer would build and look up an id on every request; the series are few and fixed */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    private record Series(HttpMethod method, String route, int status) {
    }

    RouteTimings(MeterRegistry meters, VisitorLoad load) {
        this.meters = meters;
        this.load = load;
    }

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
        load.arrived();
    }

    @ResponseFilter
    void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Long started = request.getAttribute(STARTED, Long.class).orElse(null);
        if (started == null) {
            return;
        }
        int status = response.code();
        String route = BasicHttpAttributes.getUriTemplate(request).orElse(status == 404 ? "NOT_FOUND" : "UNMATCHED");
        timers.computeIfAbsent(new Series(request.getMethod(), route, status), this::timer)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Series series) {
        return Timer.builder("http.server.requests")
                .description("Requests by route template, method and status")
                .tags("method", series.method().name(), "uri", series.route(), "status", Integer.toString(series.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(meters);
    }

    @Override
    public int getOrder() {
        // first in, last out: the time includes the other filters
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
