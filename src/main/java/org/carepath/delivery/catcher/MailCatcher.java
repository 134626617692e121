package org.carepath.delivery.catcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's mail server: an in-process SMTP server on loopback that takes mail over STARTTLS
 * only, with a certificate for {@code localhost} made at start, and keeps what it caught in memory for the
 * operator page. It lets a newcomer see the demo journeys' mail with nothing set up, and it makes the
 * embedded default exercise the real delivery path, verified TLS included.
 * <p>
 * Bounded everywhere a client could push: a command line, a message's size ({@code 552} beyond it), the
 * connections served at once (a further one gets {@code 421}), and the mail kept.
 */
public final class MailCatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailCatcher.class);

    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    private final int requestedPort;
    private final int maxConnections;
    private final int maxMessageBytes;
    private final CaughtMail caught;
    private final CatcherCertificate certificate;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private ThreadPoolExecutor sessions;

    /**
     * @param port            the loopback port to listen on; 0 for any free one
     * @param maxConnections  dialogues served at once
     * @param maxMessageBytes the largest message taken
     * @param maxMessages     messages kept; the oldest go first
     * @param maxKeptBytes    bytes kept over all messages; the oldest go first
     */
    public MailCatcher(int port, int maxConnections, int maxMessageBytes, int maxMessages, long maxKeptBytes) {
        this.requestedPort = port;
        this.maxConnections = maxConnections;
        this.maxMessageBytes = maxMessageBytes;
        this.caught = new CaughtMail(maxMessages, maxKeptBytes);
        this.certificate = CatcherCertificate.generate();
    }

    /** Listens on loopback (never another interface: caught mail may hold PHI) and serves in the background. */
    public synchronized MailCatcher start() {
        if (listener != null) {
            return this;
        }
        try {
            listener = new ServerSocket(requestedPort, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("mail catcher cannot listen on loopback port " + requestedPort, e);
        }
        AtomicInteger number = new AtomicInteger();
        // no queue: a connection is served at once or told to come back later, never left waiting unanswered
        sessions = new ThreadPoolExecutor(maxConnections, maxConnections, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "mail-catcher-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        sessions.allowCoreThreadTimeOut(true);
        Thread acceptor = new Thread(this::accept, "mail-catcher-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("Mail catcher listening on {}:{} (STARTTLS required; caught mail kept in memory only)",
                CatcherCertificate.HOST_NAME, listener.getLocalPort());
        return this;
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                socket.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
                socket.setTcpNoDelay(true);
                open.add(socket);
                sessions.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                refuse(socket);
            } catch (IOException e) {
                forget(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            new SmtpSession(socket, certificate.serverContext(), caught, maxMessageBytes, Clock.systemUTC()).run();
        } finally {
            forget(socket);
        }
    }

    private void refuse(Socket socket) {
        try {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("421 4.3.2 too many connections, try again later\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // closing anyway
        } finally {
            forget(socket);
        }
    }

    private void forget(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The host name to connect to, the one the certificate is for. */
    public String host() {
        return CatcherCertificate.HOST_NAME;
    }

    public synchronized int port() {
        if (listener == null) {
            throw new IllegalStateException("mail catcher not started");
        }
        return listener.getLocalPort();
    }

    /** The certificate the catcher presents: trusting it makes the hop to the catcher verified TLS. */
    public X509Certificate certificate() {
        return certificate.certificate();
    }

    /** What was caught, newest first. */
    public List<CaughtMessage> messages() {
        return caught.list();
    }

    public Optional<CaughtMessage> message(long id) {
        return caught.find(id);
    }

    @Override
    public synchronized void close() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        // blocking socket reads ignore interrupts: closing the sockets is what ends the sessions
        open.forEach(this::forget);
        sessions.shutdownNow();
    }
}
