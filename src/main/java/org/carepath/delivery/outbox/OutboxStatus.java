package org.carepath.delivery.outbox;

/** Where a message stands. QUEUED and RETRY wait; SENDING is leased to a worker; the rest are final. */
public enum OutboxStatus {
    QUEUED, SENDING, RETRY, SENT, FAILED, BLOCKED,
    /** Sent, then reported back undeliverable by the recipient's server (a delivery status notification). */
    BOUNCED
}
