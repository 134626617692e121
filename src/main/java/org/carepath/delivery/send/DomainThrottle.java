package org.carepath.delivery.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per recipient domain: at most {@code maxConcurrent} sends at once, and at most {@code perSecond} sends
 * started per second (0: no rate limit). Large mailbox providers throttle or greylist senders that open too
 * many connections or send in bursts; a hospital's mail goes mostly to a handful of such domains.
 * {@link #tryAcquire} never makes a worker wait long: when the domain is busy it answers when to try
 * again, and the message goes back to the outbox until then, so other domains' mail keeps flowing.
 */
final class DomainThrottle {

    /** A permit to send one message to a domain; closing it frees the concurrency slot. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Either a permit, or the instant at which the domain may have room again. */
    record Admission(Optional<Permit> permit, Instant retryAt) {
    }

    private static final Duration SHORT_WAIT = Duration.ofMillis(200);
    private static final Duration BUSY_BACKOFF = Duration.ofSeconds(1);

    private final int maxConcurrent;
    private final double perSecond;
    private final Clock clock;
    private final Map<String, DomainState> domains = new ConcurrentHashMap<>();

    DomainThrottle(int maxConcurrent, double perSecond, Clock clock) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("carepath.delivery.per-domain.max-concurrent must be at least 1");
        }
        if (perSecond < 0) {
            throw new IllegalArgumentException("carepath.delivery.per-domain.rate must not be negative");
        }
        this.maxConcurrent = maxConcurrent;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    Admission tryAcquire(String domain) {
        DomainState state = domains.computeIfAbsent(domain.toLowerCase(Locale.ROOT), d -> new DomainState());
        Instant now = clock.instant();
        Instant slot = state.reserveStart(now);
        if (slot.isAfter(now.plus(SHORT_WAIT))) {
            return new Admission(Optional.empty(), slot);
        }
        try {
            if (!state.concurrent.tryAcquire(SHORT_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                state.release(slot);
                return new Admission(Optional.empty(), now.plus(BUSY_BACKOFF));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.release(slot);
            return new Admission(Optional.empty(), now.plus(BUSY_BACKOFF));
        }
        sleepUntil(slot);
        return new Admission(Optional.of(state.concurrent::release), slot);
    }

    private void sleepUntil(Instant slot) {
        long millis = Duration.between(clock.instant(), slot).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One domain: a semaphore for concurrency and the next free start slot for the rate. */
    private final class DomainState {
        final Semaphore concurrent = new Semaphore(maxConcurrent);
        private Instant nextStart = Instant.EPOCH;

        /** Takes the next start slot (now, or later when the rate is used up). */
        synchronized Instant reserveStart(Instant now) {
            if (perSecond == 0) {
                return now;
            }
            Instant slot = nextStart.isAfter(now) ? nextStart : now;
            if (slot.isAfter(now.plus(SHORT_WAIT))) {
                return slot; // not reserved: the caller defers and asks again later
            }
            nextStart = slot.plusNanos((long) (1_000_000_000L / perSecond));
            return slot;
        }

        /** Gives back a slot the caller could not use, when it is still the last one taken. */
        synchronized void release(Instant slot) {
            if (perSecond != 0 && nextStart.equals(slot.plusNanos((long) (1_000_000_000L / perSecond)))) {
                nextStart = slot;
            }
        }
    }
}
