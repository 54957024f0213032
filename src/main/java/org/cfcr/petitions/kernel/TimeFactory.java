package org.cfcr.petitions.kernel;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class TimeFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
