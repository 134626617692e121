package org.carepath.delivery.transport;

/** How much the SMTP hop must be protected; the rules choose it, the transport only carries it out. */
public enum TransportPolicy {
    /**
     * STARTTLS required, TLS 1.2 or 1.3 only, certificate valid for the host name and trusted. If any of
     * this fails, nothing is sent: the caller gets {@link DeliveryAttempt.Kind#TLS_UNAVAILABLE}.
     */
    VERIFIED_TLS,
    /**
     * Opportunistic STARTTLS (RFC 7435): encrypt when offered, without verifying the certificate, else send
     * in plaintext. Only for the patient's own request for unencrypted email, or content already
     * end-to-end encrypted.
     */
    PLAINTEXT_ALLOWED
}
