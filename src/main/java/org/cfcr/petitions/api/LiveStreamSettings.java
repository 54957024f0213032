package org.cfcr.petitions.api;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Bounds of the live count streams on one node, under {@code petitions.live.*}: open streams per
 * client network (/24, or /64 for IPv6), open streams in all, and the longest a stream lives
 * before it ends and the browser reconnects.
 */
@ConfigurationProperties("petitions.live")
public record LiveStreamSettings(int streamsPerNetwork, int streamsPerNode, Duration maxStreamLife) {
}
