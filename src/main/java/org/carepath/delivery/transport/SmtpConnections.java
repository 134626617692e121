package org.carepath.delivery.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

/**
 * Keeps one connected SMTP transport per (thread, server, policy) and hands it out again for the next
 * message. A new connection per message costs a TCP and a TLS handshake and, measured here, more than halves
 * the rate. Per thread, because a Transport is one SMTP dialogue and cannot be shared mid-message.
 */
public final class SmtpConnections implements AutoCloseable {

    /** Only these; older protocols are not "verified TLS" (domain.md, Secure delivery). */
    static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private record Key(long thread, SmtpHost server, TransportPolicy policy) {
    }

    private final Map<Key, SmtpConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final SSLContext verifying;
    private final SSLContext opportunistic;
    private final Duration timeout;
    private final String heloName;

    /**
     * @param trustStore the CAs trusted for {@link TransportPolicy#VERIFIED_TLS}; null for the JDK's own
     * @param timeout    connect and read timeout
     * @param heloName   the name to say in EHLO, null for the local host name
     */
    public SmtpConnections(KeyStore trustStore, Duration timeout, String heloName) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            this.verifying = SSLContext.getInstance("TLS");
            this.verifying.init(null, trust.getTrustManagers(), null);
            this.opportunistic = SSLContext.getInstance("TLS");
            this.opportunistic.init(null, new TrustManager[] {new AnyCertificate()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for SMTP", e);
        }
        this.timeout = timeout;
        this.heloName = heloName;
    }

    /**
     * A connected transport for this thread, reused when the server still talks to it. A connection that carried
     * a message within the last second is reused without the NOOP round trip (a send in a busy stream pays one
     * round trip less); {@link SmtpConnection#reusedUnchecked()} tells the caller, which retries once on a fresh
     * connection if that one turns out dead.
     */
    SmtpConnection connection(SmtpHost server, TransportPolicy policy) throws MessagingException {
        Key key = new Key(Thread.currentThread().getId(), server, policy);
        SmtpConnection existing = connections.get(key);
        if (existing != null) {
            if (existing.recentlyUsed()) {
                existing.reusedUnchecked(true);
                return existing;
            }
            existing.reusedUnchecked(false);
            if (existing.alive()) {
                return existing;
            }
            connections.remove(key);
            existing.close();
        }
        SmtpConnection fresh = open(server, policy);
        connections.put(key, fresh);
        return fresh;
    }

    /** Drops this thread's connection after a failure that may have left the dialogue in an unknown state. */
    void discard(SmtpHost server, TransportPolicy policy) {
        SmtpConnection connection = connections.remove(new Key(Thread.currentThread().getId(), server, policy));
        if (connection != null) {
            connection.close();
        }
    }

    /** How many connections were opened so far: reuse shows as fewer connections than messages. */
    public long opened() {
        return opened.get();
    }

    @Override
    public void close() {
        connections.values().forEach(SmtpConnection::close);
        connections.clear();
    }

    private SmtpConnection open(SmtpHost server, TransportPolicy policy) throws MessagingException {
        boolean verified = policy == TransportPolicy.VERIFIED_TLS;
        SSLContext context = verified ? verifying : opportunistic;
        TlsEvidenceSocketFactory tls = new TlsEvidenceSocketFactory(context.getSocketFactory(), TLS_PROTOCOLS);
        Session session = Session.getInstance(properties(server, verified, tls));
        Transport transport = transport(session);
        opened.incrementAndGet();
        transport.connect(); // any TLS failure under VERIFIED_TLS ends here, before MAIL FROM
        return new SmtpConnection(transport, tls, verified);
    }

    private static Transport transport(Session session) throws NoSuchProviderException {
        return session.getTransport("smtp");
    }

    private Properties properties(SmtpHost server, boolean verified, TlsEvidenceSocketFactory tls) {
        Properties props = new Properties();
        props.put("mail.smtp.host", server.host());
        props.put("mail.smtp.port", String.valueOf(server.port()));
        props.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
        props.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
        if (heloName != null) {
            props.put("mail.smtp.localhost", heloName);
        }
        // Objects, not class names: Jakarta Mail takes SocketFactory instances from the properties.
        props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        props.put("mail.smtp.socketFactory.fallback", "false");
        props.put("mail.smtp.ssl.socketFactory", tls);
        props.put("mail.smtp.ssl.protocols", String.join(" ", TLS_PROTOCOLS));
        props.put("mail.smtp.starttls.enable", "true");
        // required: no STARTTLS, or a failed handshake, aborts the connection instead of going on in plaintext
        props.put("mail.smtp.starttls.required", String.valueOf(verified));
        props.put("mail.smtp.ssl.checkserveridentity", String.valueOf(verified));
        return props;
    }

    /**
     * Opportunistic TLS (RFC 7435) encrypts without authenticating: any certificate is better than plaintext,
     * which is what the policy allows anyway. Never used for {@link TransportPolicy#VERIFIED_TLS}.
     */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
