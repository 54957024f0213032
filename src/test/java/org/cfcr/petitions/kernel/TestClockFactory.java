package org.cfcr.petitions.kernel;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import org.cfcr.petitions.support.TestClock;

import java.time.Clock;

/** In tests the service runs on a {@link TestClock} that tests may move forward. */
@Factory
class TestClockFactory {

    @Singleton
    @Replaces(bean = Clock.class, factory = TimeFactory.class)
    TestClock clock() {
        return new TestClock();
    }
}
