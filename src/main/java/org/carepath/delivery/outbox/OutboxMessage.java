package org.carepath.delivery.outbox;

/**
 * A claimed message: its id, its idempotency key (the source of its Message-ID), the patient it goes to,
 * how many attempts were made before this one, and its decrypted payload.
 */
public record OutboxMessage(String id, String idempotencyKey, String patientId, int attempts, byte[] payload) {
}
