package org.carepath.delivery.transport;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What happened when one message was handed to one SMTP server: the outcome, and the evidence for the
 * audit trail. Holds no PHI: reply texts are stripped of anything that looks like an email address.
 *
 * @param replyCode   the SMTP code of the final reply, 0 when no reply was read (connect failure, timeout)
 * @param replyText   that reply's text, addresses replaced by {@code [address]}; null without a reply
 * @param tlsProtocol the TLS protocol negotiated (TLSv1.2, TLSv1.3), null when the hop was not encrypted
 * @param cipherSuite the cipher suite negotiated, null when the hop was not encrypted
 * @param tlsVerified whether the certificate was validated against the trust store and the host name
 * @param tlsProblem  why verified TLS was not possible, with {@link Kind#TLS_UNAVAILABLE}; null otherwise.
 *                    These are the new facts the rules judge the message again with.
 */
public record DeliveryAttempt(Kind kind, int replyCode, String replyText, String tlsProtocol,
        String cipherSuite, boolean tlsVerified, TlsProblem tlsProblem, String server, Instant startedAt,
        Instant finishedAt) {

    /** Why a server could not give verified TLS. */
    public enum TlsProblem {
        /** The server did not offer STARTTLS. */
        NO_STARTTLS,
        /** The certificate chain does not lead to a trusted CA, or is expired or malformed. */
        CERTIFICATE_NOT_TRUSTED,
        /** The certificate is not valid for the host name we connected to. */
        HOST_NAME_MISMATCH,
        /** A protocol older than TLS 1.2 was negotiated. */
        PROTOCOL_NOT_ALLOWED,
        /** The handshake failed otherwise (no common protocol or cipher suite, connection reset). */
        HANDSHAKE_FAILED
    }

    public enum Kind {
        DELIVERED,
        /** Verified TLS was required and not possible (no STARTTLS, bad certificate, old protocol): nothing sent. */
        TLS_UNAVAILABLE,
        /** 4xx reply, timeout, connection refused or dropped: try again later. */
        TEMPORARY_FAILURE,
        /** 5xx reply: do not retry this message to this address. */
        PERMANENT_FAILURE
    }

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]\"',;:]+@[^\\s<>()\\[\\]\"',;:]+");
    private static final int MAX_REPLY_TEXT = 512;

    public DeliveryAttempt {
        replyText = scrub(replyText);
    }

    /** Reply texts often echo the address ({@code 550 5.1.1 <jane@example.org>: unknown user}): drop it. */
    static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("[\\r\\n]+", " ").strip();
        String scrubbed = ADDRESS.matcher(oneLine).replaceAll("[address]");
        return scrubbed.length() > MAX_REPLY_TEXT ? scrubbed.substring(0, MAX_REPLY_TEXT) : scrubbed;
    }
}
