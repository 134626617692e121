package org.carepath.delivery.send;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.outbox.OutboxStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/delivery}: what an operator looks at first when mail is late: how many messages are in
 * each state, and how long the oldest due message has waited (a growing figure means the workers do not keep
 * up, or cannot reach a server). Counts only: no message, patient or address.
 */
@RestController
class DeliveryStatusController {

    record DeliveryStatus(Map<OutboxStatus, Long> messages, Long oldestDueWaitingSeconds) {
    }

    private final Outbox outbox;

    DeliveryStatusController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/v1/delivery")
    DeliveryStatus status() {
        Long waiting = outbox.oldestDue().map(due -> Duration.between(due, Instant.now()).toSeconds()).orElse(null);
        return new DeliveryStatus(outbox.counts(), waiting);
    }
}
