package org.cfcr.petitions.api;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.kernel.net.IpAddresses;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open live streams of this node, per client network and in all. Each stream holds a
 * connection and a little memory for as long as it lives, so a crowd from one network, or a crowd
 * in all, is refused past its bound instead of taking the node's memory.
 */
@Singleton
class LiveStreamSlots {

    /** Why a stream was refused: its network has its share, or the node has all it takes. */
    enum Refusal { NETWORK_FULL, NODE_FULL }

    /** A taken slot; releasing it more than once releases it once. */
    final class Slot {
        private final String network;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String network) {
            this.network = network;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                byNetwork.computeIfPresent(network, (key, open) -> open.decrementAndGet() <= 0 ? null : open);
                total.decrementAndGet();
            }
        }
    }

    /** A slot, or the reason there is none. */
    record Taken(Optional<Slot> slot, Optional<Refusal> refusal) {
    }

    private final LiveStreamSettings settings;
    private final Map<String, AtomicInteger> byNetwork = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    LiveStreamSlots(LiveStreamSettings settings) {
        this.settings = settings;
    }

    Taken take(@Nullable String client) {
        if (total.incrementAndGet() > settings.streamsPerNode()) {
            total.decrementAndGet();
            return new Taken(Optional.empty(), Optional.of(Refusal.NODE_FULL));
        }
        String network = network(client);
        boolean[] full = {false};
        byNetwork.compute(network, (key, open) -> {
            AtomicInteger count = open == null ? new AtomicInteger() : open;
            if (count.get() >= settings.streamsPerNetwork()) {
                full[0] = true;
            } else {
                count.incrementAndGet();
            }
            return count.get() == 0 ? null : count;
        });
        if (full[0]) {
            total.decrementAndGet();
            return new Taken(Optional.empty(), Optional.of(Refusal.NETWORK_FULL));
        }
        return new Taken(Optional.of(new Slot(network)), Optional.empty());
    }

    int open() {
        return total.get();
    }

    /** IPv4 /24, IPv6 /64 (one household's or phone's); every client of unknown address together. */
    static String network(@Nullable String client) {
        return IpAddresses.parse(client).map(ClientAddress::new).map(ClientAddress::shareLabel).orElse("unknown");
    }
}
