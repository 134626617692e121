package org.carepath.delivery.outbox;

/**
 * A claimed message: its id, its idempotency key (the source of its Message-ID), the patient it goes to,
 * how many attempts were made before this one, its decrypted payload, and the token of this claim (a worker
 * renews its lease with it before sending; a lease taken over by another worker cannot be renewed).
 */
public record OutboxMessage(String id, String idempotencyKey, String patientId, int attempts, byte[] payload,
                            String leaseToken) {
}
