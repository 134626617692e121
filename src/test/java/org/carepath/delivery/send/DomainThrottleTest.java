package org.carepath.delivery.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class DomainThrottleTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void atMostTheConfiguredNumberOfSendsToOneDomainAtOnce() {
        DomainThrottle throttle = new DomainThrottle(2, 0, clock);
        DomainThrottle.Admission first = throttle.tryAcquire("big-provider.example");
        DomainThrottle.Admission second = throttle.tryAcquire("BIG-provider.example");
        DomainThrottle.Admission third = throttle.tryAcquire("big-provider.example");
        assertThat(first.permit()).isPresent();
        assertThat(second.permit()).isPresent();
        assertThat(third.permit()).isEmpty();
        assertThat(third.retryAt()).isAfter(NOW);
        assertThat(throttle.tryAcquire("other.example").permit()).as("other domains are not held up").isPresent();
        first.permit().get().close();
        assertThat(throttle.tryAcquire("big-provider.example").permit()).isPresent();
    }

    @Test
    void aRateLimitDefersTheSendThatWouldExceedIt() {
        DomainThrottle throttle = new DomainThrottle(10, 2, clock); // 2 per second: one every 500 ms
        DomainThrottle.Admission first = throttle.tryAcquire("rated.example");
        assertThat(first.permit()).isPresent();
        first.permit().get().close();
        DomainThrottle.Admission second = throttle.tryAcquire("rated.example");
        assertThat(second.permit()).isEmpty();
        assertThat(second.retryAt()).isEqualTo(NOW.plusMillis(500));
    }
}
