package org.carepath.delivery.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (a random wait between zero and the exponential cap), so that the
 * messages a receiving server refused together do not come back together.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {

    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(4), 12);
    }

    /** The wait before attempt number {@code attempts + 1}, given {@code attempts} made so far (1 or more). */
    public Duration delayAfter(int attempts) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempts - 1, 30));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
