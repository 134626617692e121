package org.carepath.cli;

/**
 * One measured round: how many messages were asked for, how many went out as expected, in how long, and the
 * per-message latency percentiles (milliseconds; what "per message" means depends on the round and is said
 * where it is printed).
 */
public record DeliveryRate(int messages, int delivered, double seconds, double p50Millis, double p99Millis) {

    public int failed() {
        return messages - delivered;
    }

    /** Messages delivered as expected per second; failures do not count. */
    public double perSecond() {
        return seconds <= 0 ? 0 : delivered / seconds;
    }
}
