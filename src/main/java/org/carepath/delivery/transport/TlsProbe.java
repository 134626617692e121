package org.carepath.delivery.transport;

/**
 * What one mail server offered when asked for verified TLS, without sending anything: whether it answered at
 * all, whether it offered STARTTLS, the protocol negotiated and whether the certificate was valid for its
 * name; {@code problem} says why verified TLS was not possible (null when it was).
 */
public record TlsProbe(boolean reachable, boolean starttls, String tlsProtocol, boolean certificateValid,
                       DeliveryAttempt.TlsProblem problem) {

    static TlsProbe unreachable() {
        return new TlsProbe(false, false, null, false, null);
    }
}
