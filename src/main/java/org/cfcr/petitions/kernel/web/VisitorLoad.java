package org.cfcr.petitions.kernel.web;

import com.sun.management.OperatingSystemMXBean;
import jakarta.inject.Singleton;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether visitors are keeping this node's processors busy, so that work which can wait (sending
 * mail) gives way to requests a person is waiting on. Both must hold since the last look: the
 * processors at least nine tenths used, and the node starting at least a hundred requests a second.
 * Processors alone would hold mail back by its own sending, or by a busy neighbour on a quiet
 * night; requests alone would hold it back on a node that has room for both.
 */
@Singleton
public class VisitorLoad {

    static final double BUSY_PROCESSORS = 0.9;
    static final double BUSY_REQUESTS_PER_SECOND = 100;

    private final OperatingSystemMXBean processors =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final LongAdder arrivals = new LongAdder();
    private long arrivalsAtLastLook;
    private long lastLookNanos = System.nanoTime();

    /** Counted by {@link RouteTimings}, the first filter every request meets. */
    void arrived() {
        arrivals.increment();
    }

    /**
     * Requests since the previous call; the machine's processors (its container's, in one) since the
     * JVM's previous reading of them, which Prometheus's scrape of system_cpu_usage takes too: a look
     * just after a scrape reads a short window (at worst one batch of mail goes out in a surge).
     */
    public synchronized boolean keepProcessorsBusy() {
        long now = System.nanoTime();
        long total = arrivals.sum();
        double seconds = (now - lastLookNanos) / 1e9;
        double requestsPerSecond = seconds > 0 ? (total - arrivalsAtLastLook) / seconds : 0;
        arrivalsAtLastLook = total;
        lastLookNanos = now;
        // read at every look, so that it covers the requests' window unless a scrape came between;
        // negative where the platform does not say: never busy, so mail is never held back by a guess
        double processorsUsed = processors.getCpuLoad();
        return requestsPerSecond >= BUSY_REQUESTS_PER_SECOND && processorsUsed >= BUSY_PROCESSORS;
    }
}
