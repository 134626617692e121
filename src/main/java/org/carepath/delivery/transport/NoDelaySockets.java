package org.carepath.delivery.transport;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factories carepath's transport gives Jakarta Mail (TCP_NODELAY on; TLS 1.2 and 1.3 only), for
 * code outside the transport that must talk SMTP the same way: the delivery benchmark's plain loop, so that
 * the yardstick and carepath differ in what carepath does, not in their sockets.
 */
public final class NoDelaySockets {

    private NoDelaySockets() {
    }

    public static SocketFactory plain() {
        return new NoDelaySocketFactory();
    }

    /** One per connection, as Jakarta Mail uses it (the factory keeps the connection's TLS socket). */
    public static SSLSocketFactory tls(SSLSocketFactory delegate) {
        return new TlsEvidenceSocketFactory(delegate, SmtpConnections.TLS_PROTOCOLS);
    }
}
