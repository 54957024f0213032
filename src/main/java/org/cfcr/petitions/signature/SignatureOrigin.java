package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.signature.screening.HoldRule;

/**
 * Where a signature came from, as stored: the keyed hash and network of the client's address
 * (empty when unknown), and the rule that holds it back, if any.
 */
public record SignatureOrigin(@Nullable byte[] clientHash, @Nullable byte[] clientNetwork, @Nullable HoldRule hold) {
}
