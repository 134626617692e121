package org.carepath.delivery.transport;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one finished message to one SMTP server for one recipient, under a {@link TransportPolicy}, and
 * reports what happened as a {@link DeliveryAttempt}. SMTP outcomes are results, not exceptions: the caller
 * (the outbox) decides on retries, and a {@code TLS_UNAVAILABLE} goes back to the rules with the new facts.
 * Logs carry the server, the outcome and the TLS evidence, never an address, subject or body.
 */
public final class SecureSmtpTransport {

    private static final Logger log = LoggerFactory.getLogger(SecureSmtpTransport.class);

    private final SmtpConnections connections;
    private final Clock clock;

    public SecureSmtpTransport(SmtpConnections connections) {
        this(connections, Clock.systemUTC());
    }

    SecureSmtpTransport(SmtpConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    public DeliveryAttempt send(MimeMessage message, InternetAddress recipient, SmtpHost server,
            TransportPolicy policy) {
        Instant started = clock.instant();
        Sent sent = sendOnce(message, recipient, server, policy, started);
        if (sent.onDeadReusedConnection()) {
            // the connection was reused without a NOOP and had died (the server closed it): once more, fresh
            sent = sendOnce(message, recipient, server, policy, started);
        }
        return sent.attempt();
    }

    /** One try; {@code onDeadReusedConnection}: no reply at all on a connection reused without a check. */
    private record Sent(DeliveryAttempt attempt, boolean onDeadReusedConnection) {
        static Sent of(DeliveryAttempt attempt) {
            return new Sent(attempt, false);
        }
    }

    private Sent sendOnce(MimeMessage message, InternetAddress recipient, SmtpHost server,
            TransportPolicy policy, Instant started) {
        SmtpConnection connection;
        try {
            connection = connections.connection(server, policy);
        } catch (MessagingException e) {
            connections.discard(server, policy);
            return Sent.of(logged(connectFailure(e, policy, server, started)));
        }
        Optional<TlsEvidenceSocketFactory.Negotiated> tls = connection.negotiated();
        if (policy == TransportPolicy.VERIFIED_TLS && !verifiedTls(tls)) {
            // Belt and braces: Jakarta Mail should already have refused, but nothing leaves in plaintext.
            connections.discard(server, policy);
            return Sent.of(logged(attempt(DeliveryAttempt.Kind.TLS_UNAVAILABLE, 0, null, tls, false,
                    DeliveryAttempt.TlsProblem.PROTOCOL_NOT_ALLOWED, server, started)));
        }
        SMTPTransport transport = (SMTPTransport) connection.transport();
        try {
            transport.sendMessage(message, new Address[] {recipient});
            connection.used();
            return Sent.of(logged(attempt(DeliveryAttempt.Kind.DELIVERED, transport.getLastReturnCode(),
                    transport.getLastServerResponse(), tls, connection.verified(), server, started)));
        } catch (MessagingException e) {
            Optional<Reply> reply = reply(e);
            if (reply.isEmpty()) {
                // no reply to judge by: timeout, dropped connection; the dialogue state is unknown
                connections.discard(server, policy);
                DeliveryAttempt attempt = attempt(DeliveryAttempt.Kind.TEMPORARY_FAILURE, 0, null, tls,
                        connection.verified(), server, started);
                return connection.reusedUnchecked() ? new Sent(attempt, true) : Sent.of(logged(attempt));
            }
            connection.used();
            return Sent.of(logged(attempt(kindOf(reply.get().code()), reply.get().code(), reply.get().text(), tls,
                    connection.verified(), server, started)));
        }
    }

    /**
     * Asks the server for verified TLS and sends nothing: EHLO, STARTTLS, the handshake with the certificate
     * checked against the trust store and the host name. The connection stays open for this thread's next
     * send to the server, so probing costs no extra handshake when mail follows.
     */
    public TlsProbe probe(SmtpHost server) {
        try {
            SmtpConnection connection = connections.connection(server, TransportPolicy.VERIFIED_TLS);
            Optional<TlsEvidenceSocketFactory.Negotiated> tls = connection.negotiated();
            if (!verifiedTls(tls)) {
                connections.discard(server, TransportPolicy.VERIFIED_TLS);
                return new TlsProbe(true, true, tls.map(TlsEvidenceSocketFactory.Negotiated::protocol).orElse(null),
                        false, DeliveryAttempt.TlsProblem.PROTOCOL_NOT_ALLOWED);
            }
            return new TlsProbe(true, true, tls.get().protocol(), connection.verified(), null);
        } catch (MessagingException e) {
            connections.discard(server, TransportPolicy.VERIFIED_TLS);
            return tlsProblem(e).map(problem -> new TlsProbe(true,
                            problem != DeliveryAttempt.TlsProblem.NO_STARTTLS, null, false, problem))
                    .orElseGet(TlsProbe::unreachable);
        }
    }

    private DeliveryAttempt connectFailure(MessagingException e, TransportPolicy policy, SmtpHost server,
            Instant started) {
        Optional<DeliveryAttempt.TlsProblem> problem = tlsProblem(e);
        if (policy == TransportPolicy.VERIFIED_TLS && problem.isPresent()) {
            return attempt(DeliveryAttempt.Kind.TLS_UNAVAILABLE, 0, null, Optional.empty(), false, problem.get(),
                    server, started);
        }
        Optional<Reply> reply = reply(e);
        int code = reply.map(Reply::code).orElse(0);
        DeliveryAttempt.Kind kind = code >= 500 ? DeliveryAttempt.Kind.PERMANENT_FAILURE
                : DeliveryAttempt.Kind.TEMPORARY_FAILURE;
        return attempt(kind, code, reply.map(Reply::text).orElse(null), Optional.empty(), false, server, started);
    }

    /**
     * Reads Jakarta Mail's failure: STARTTLS not offered ("STARTTLS is required but host does not support
     * STARTTLS"), the host name check ("Can't verify identity of server"), the certificate chain (a
     * CertificateException under the SSLHandshakeException), or another handshake failure ("Could not
     * convert socket to TLS"). Empty when the failure had nothing to do with TLS.
     */
    static Optional<DeliveryAttempt.TlsProblem> tlsProblem(Throwable e) {
        boolean tls = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage();
            if (text.contains("STARTTLS is required")) {
                return Optional.of(DeliveryAttempt.TlsProblem.NO_STARTTLS);
            }
            if (text.contains("verify identity of server") || t instanceof CertificateException
                    && text.contains("No subject alternative")) {
                return Optional.of(DeliveryAttempt.TlsProblem.HOST_NAME_MISMATCH);
            }
            if (t instanceof CertificateException) {
                return Optional.of(DeliveryAttempt.TlsProblem.CERTIFICATE_NOT_TRUSTED);
            }
            tls |= t instanceof SSLException || text.contains("convert socket to TLS");
        }
        return tls ? Optional.of(DeliveryAttempt.TlsProblem.HANDSHAKE_FAILED) : Optional.empty();
    }

    private static boolean verifiedTls(Optional<TlsEvidenceSocketFactory.Negotiated> tls) {
        return tls.map(TlsEvidenceSocketFactory.Negotiated::protocol)
                .filter(p -> p.equals("TLSv1.2") || p.equals("TLSv1.3")).isPresent();
    }

    private static DeliveryAttempt.Kind kindOf(int code) {
        if (code >= 500) {
            return DeliveryAttempt.Kind.PERMANENT_FAILURE;
        }
        return DeliveryAttempt.Kind.TEMPORARY_FAILURE;
    }

    record Reply(int code, String text) {
    }

    /** The SMTP reply behind a failure, wherever Jakarta Mail nested it (SendFailedException chains them). */
    static Optional<Reply> reply(MessagingException e) {
        for (Exception next = e; next != null; ) {
            if (next instanceof SMTPAddressFailedException f && f.getReturnCode() >= 400) {
                return Optional.of(new Reply(f.getReturnCode(), f.getMessage()));
            }
            if (next instanceof SMTPSenderFailedException f && f.getReturnCode() >= 400) {
                return Optional.of(new Reply(f.getReturnCode(), f.getMessage()));
            }
            if (next instanceof SMTPSendFailedException f && f.getReturnCode() >= 400) {
                return Optional.of(new Reply(f.getReturnCode(), f.getMessage()));
            }
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        return connectReply(e);
    }

    /** A refused greeting ("Could not connect to SMTP host ..., response: 554") carries the code only in text. */
    private static Optional<Reply> connectReply(MessagingException e) {
        String text = e.getMessage();
        if (text == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("response: ([45]\\d\\d)").matcher(text);
        return m.find() ? Optional.of(new Reply(Integer.parseInt(m.group(1)), null)) : Optional.empty();
    }

    private DeliveryAttempt attempt(DeliveryAttempt.Kind kind, int code, String text,
            Optional<TlsEvidenceSocketFactory.Negotiated> tls, boolean verified, SmtpHost server, Instant started) {
        return attempt(kind, code, text, tls, verified, null, server, started);
    }

    private DeliveryAttempt attempt(DeliveryAttempt.Kind kind, int code, String text,
            Optional<TlsEvidenceSocketFactory.Negotiated> tls, boolean verified, DeliveryAttempt.TlsProblem problem,
            SmtpHost server, Instant started) {
        return new DeliveryAttempt(kind, code, text,
                tls.map(TlsEvidenceSocketFactory.Negotiated::protocol).orElse(null),
                tls.map(TlsEvidenceSocketFactory.Negotiated::cipherSuite).orElse(null),
                verified, problem, server.toString(), started, clock.instant());
    }

    private static DeliveryAttempt logged(DeliveryAttempt attempt) {
        log.info("SMTP {} via {}: reply {}, TLS {} {} verified={} problem={}", attempt.kind(), attempt.server(),
                attempt.replyCode(), attempt.tlsProtocol(), attempt.cipherSuite(), attempt.tlsVerified(),
                attempt.tlsProblem());
        return attempt;
    }
}
