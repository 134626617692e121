package org.carepath.delivery.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Optional;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory Jakarta Mail uses for STARTTLS ({@code mail.smtp.ssl.socketFactory}). It turns
 * TCP_NODELAY on (see {@link NoDelaySocketFactory}), restricts the protocols, and keeps the last TLS socket
 * so the transport can read what was actually negotiated: Jakarta Mail does not expose its socket. One
 * instance per connection, so the socket it keeps is that connection's.
 */
final class TlsEvidenceSocketFactory extends SSLSocketFactory {

    /** What the TLS handshake settled on. */
    record Negotiated(String protocol, String cipherSuite) {
    }

    private final SSLSocketFactory delegate;
    private final String[] protocols;
    private volatile SSLSocket last;

    TlsEvidenceSocketFactory(SSLSocketFactory delegate, String[] protocols) {
        this.delegate = delegate;
        this.protocols = protocols.clone();
    }

    /** The protocol and cipher suite of the last completed handshake, if any. */
    Optional<Negotiated> negotiated() {
        SSLSocket socket = last;
        if (socket == null || socket.isClosed()) {
            return Optional.empty();
        }
        // getHandshakeSession is null once done; getSession would start a handshake if none happened yet,
        // which the STARTTLS code has always done before we are asked.
        SSLSession session = socket.getSession();
        if (session == null || "NONE".equals(session.getProtocol())
                || "SSL_NULL_WITH_NULL_NULL".equals(session.getCipherSuite())) {
            return Optional.empty();
        }
        return Optional.of(new Negotiated(session.getProtocol(), session.getCipherSuite()));
    }

    private Socket keep(Socket socket) throws IOException {
        NoDelaySocketFactory.noDelay(socket);
        if (socket instanceof SSLSocket tls) {
            tls.setEnabledProtocols(protocols);
            last = tls;
        }
        return socket;
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return keep(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        return keep(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return keep(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return keep(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return keep(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return keep(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
