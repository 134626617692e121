package org.carepath.delivery.send;

import java.time.Duration;

import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.outbox.OutboxMessage;
import org.carepath.delivery.outbox.OutboxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the outbox and delivers what is due. Every node runs one; the outbox's SKIP LOCKED claims share the
 * work. A message whose delivery throws is failed with the exception's type only (its text may quote data).
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final Outbox outbox;
    private final MessageDelivery delivery;

    DeliveryWorker(Outbox outbox, MessageDelivery delivery) {
        this.outbox = outbox;
        this.delivery = delivery;
    }

    @Scheduled(fixedDelayString = "${carepath.delivery.poll-interval:1s}")
    void poll() {
        for (OutboxMessage message : outbox.claim(BATCH, LEASE)) {
            try {
                delivery.deliver(message);
            } catch (RuntimeException e) {
                log.error("Delivery of {} failed: {}", message.id(), e.getClass().getSimpleName());
                outbox.finish(message.id(), OutboxStatus.FAILED, "could not be delivered: "
                        + e.getClass().getSimpleName());
            }
        }
    }
}
