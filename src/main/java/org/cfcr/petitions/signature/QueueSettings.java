package org.cfcr.petitions.signature;

import io.micronaut.context.annotation.ConfigurationProperties;
import org.cfcr.petitions.kernel.db.GroupCommit;

/**
 * How many signatures, confirmations and link page views may wait at once on one node, under
 * {@code petitions.queues.*}: in all, and from one client network (/24, IPv6 /64). Each waiting
 * request holds its request and its connection (no thread), and waits behind every one before it (a
 * batch of 200 commits in a few tens of milliseconds), so past these a request is refused at once,
 * having stored nothing, rather than parked.
 */
@ConfigurationProperties("petitions.queues")
public record QueueSettings(int signingPerNode, int signingPerNetwork, int confirmingPerNode, int confirmingPerNetwork,
                            int linkPagesPerNode, int linkPagesPerNetwork) {

    GroupCommit.Bounds signing() {
        return new GroupCommit.Bounds(signingPerNode, signingPerNetwork);
    }

    GroupCommit.Bounds confirming() {
        return new GroupCommit.Bounds(confirmingPerNode, confirmingPerNetwork);
    }

    /** The views of one kind of signer's link page (confirm, withdraw, unsubscribe) waiting for their batch's read. */
    GroupCommit.Bounds linkPages() {
        return new GroupCommit.Bounds(linkPagesPerNode, linkPagesPerNetwork);
    }
}
