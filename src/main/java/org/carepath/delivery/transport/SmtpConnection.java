package org.carepath.delivery.transport;

import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;

/** One connected SMTP transport and the socket factory that saw its TLS handshake. */
final class SmtpConnection {

    private final Transport transport;
    private final TlsEvidenceSocketFactory tls;
    private final boolean verified;

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
