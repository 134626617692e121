package org.carepath.delivery.transport;

import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;

/** One connected SMTP transport and the socket factory that saw its TLS handshake. */
final class SmtpConnection {

    private static final long RECENT_NANOS = 1_000_000_000L;

    private final Transport transport;
    private final TlsEvidenceSocketFactory tls;
    private final boolean verified;
    /** When this connection last carried a message (System.nanoTime), for skipping the liveness check. */
    private long lastUsed = System.nanoTime();
    /** Whether the latest reuse skipped the liveness check: a send that then finds it dead may try once more. */
    private boolean reusedUnchecked;

    SmtpConnection(Transport transport, TlsEvidenceSocketFactory tls, boolean verified) {
        this.transport = transport;
        this.tls = tls;
        this.verified = verified;
    }

    Transport transport() {
        return transport;
    }

    Optional<TlsEvidenceSocketFactory.Negotiated> negotiated() {
        return tls.negotiated();
    }

    /** Whether the certificate was checked against the trust store and the host name. */
    boolean verified() {
        return verified && negotiated().isPresent();
    }

    /** Used within the last second: no server closes an SMTP session that soon after a reply on its own. */
    boolean recentlyUsed() {
        return System.nanoTime() - lastUsed < RECENT_NANOS;
    }

    void used() {
        lastUsed = System.nanoTime();
    }

    boolean reusedUnchecked() {
        return reusedUnchecked;
    }

    void reusedUnchecked(boolean unchecked) {
        reusedUnchecked = unchecked;
    }

    /**
     * Still usable? {@code isConnected} sends a NOOP, one round trip, which is far cheaper than a new
     * connection with a TLS handshake and finds connections the server closed while we were idle.
     */
    boolean alive() {
        return transport.isConnected();
    }

    void close() {
        try {
            transport.close();
        } catch (MessagingException e) {
            // already gone: nothing to release
        }
    }
}
