package org.cfcr.petitions.update;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** @param pollInterval how often each node turns queued updates into emails ({@code petitions.updates.*}) */
@ConfigurationProperties("petitions.updates")
public record UpdateSettings(Duration pollInterval) {
}
