package org.cfcr.petitions.account;

import jakarta.inject.Singleton;

import java.time.Instant;

/** The session job for the journeys, run when they choose instead of on its schedule. */
@Singleton
public final class SessionJobs {

    private final SessionExpiry expiry;

    SessionJobs(SessionExpiry expiry) {
        this.expiry = expiry;
    }

    public int deleteEnded(Instant now) {
        return expiry.deleteEnded(now);
    }
}
