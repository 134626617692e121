package org.carepath.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 5);

    @Test
    void delaysGrowExponentiallyWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delayAfter(1)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
            assertThat(policy.delayAfter(3)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120));
            assertThat(policy.delayAfter(40)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        }
    }

    @Test
    void attemptsRunOut() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }
}
