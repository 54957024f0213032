package org.cfcr.petitions.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveStreamSlotsTest {

    private final LiveStreamSlots slots = new LiveStreamSlots(new LiveStreamSettings(2, 3, Duration.ofHours(1)));

    @Test
    void past_the_node_bound_every_network_is_refused_until_a_stream_ends() {
        LiveStreamSlots.Slot first = slots.take("198.51.100.1").slot().orElseThrow();
        slots.take("203.0.113.1").slot().orElseThrow();
        slots.take("2001:db8::1").slot().orElseThrow();
        assertEquals(Optional.of(LiveStreamSlots.Refusal.NODE_FULL), slots.take("192.0.2.1").refusal());
        first.release();
        first.release();
        assertEquals(2, slots.open(), "a slot released twice is released once");
        assertEquals(Optional.empty(), slots.take("192.0.2.1").refusal());
    }

    @Test
    void a_network_is_a_24_or_an_ipv6_64_and_unknown_clients_are_one() {
        assertEquals("198.51.100.0/24", LiveStreamSlots.network("198.51.100.77"));
        assertEquals(LiveStreamSlots.network("2001:db8:1:2::1"), LiveStreamSlots.network("2001:db8:1:2:ffff::9"));
        assertEquals("unknown", LiveStreamSlots.network(null));
        slots.take("2001:db8:1:2::1").slot().orElseThrow();
        slots.take("2001:db8:1:2::2").slot().orElseThrow();
        assertEquals(Optional.of(LiveStreamSlots.Refusal.NETWORK_FULL), slots.take("2001:db8:1:2::3").refusal());
    }
}
