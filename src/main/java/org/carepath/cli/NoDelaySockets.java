package org.carepath.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for the plain loop that turn TCP_NODELAY on. Jakarta Mail leaves Nagle's algorithm on, and
 * the small writes of an SMTP dialogue then wait for delayed ACKs; carepath's transport turns it off, so the
 * yardstick does too. Jakarta Mail takes factory instances from its properties.
 */
final class NoDelaySockets {

    private NoDelaySockets() {
    }

    static SocketFactory plain() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return noDelay(new Socket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return noDelay(new Socket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return noDelay(new Socket(host, port, local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return noDelay(new Socket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
                    throws IOException {
                return noDelay(new Socket(host, port, local, localPort));
            }
        };
    }

    /** Wraps the STARTTLS factory: the TLS socket layered over the plain one. */
    static SSLSocketFactory tls(SSLSocketFactory delegate) {
        return new SSLSocketFactory() {
            @Override
            public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
                return noDelay(delegate.createSocket(socket, host, port, autoClose));
            }

            @Override
            public Socket createSocket() throws IOException {
                return noDelay(delegate.createSocket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return noDelay(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return noDelay(delegate.createSocket(host, port, local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return noDelay(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
                    throws IOException {
                return noDelay(delegate.createSocket(host, port, local, localPort));
            }

            @Override
            public String[] getDefaultCipherSuites() {
                return delegate.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return delegate.getSupportedCipherSuites();
            }
        };
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
