package org.carepath.delivery.catcher;

import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

/**
 * One message the catcher accepted, as the operator page shows it. Kept in memory only: it may hold PHI.
 *
 * @param id           the catcher's own sequence number, for the page's links (never a header value)
 * @param envelopeFrom MAIL FROM, empty for the null sender
 * @param envelopeTo   every RCPT TO accepted for this message
 * @param subject      the decoded Subject, null when absent
 * @param messageId    the Message-ID header, null when absent
 * @param contentType  the top-level Content-Type, so an operator sees application/pkcs7-mime,
 *                     multipart/encrypted or text/plain at a glance; null when absent
 * @param tlsProtocol  the TLS protocol the sender negotiated (the catcher takes mail over TLS only)
 * @param cipherSuite  the cipher suite negotiated
 * @param raw          the message as received, dot-unstuffed, CRLF line ends
 */
public record CaughtMessage(long id, Instant receivedAt, String envelopeFrom, List<String> envelopeTo,
        String subject, String messageId, String contentType, String tlsProtocol, String cipherSuite, byte[] raw) {

    public CaughtMessage {
        envelopeTo = List.copyOf(envelopeTo);
    }

    static CaughtMessage of(long id, Instant receivedAt, String envelopeFrom, List<String> envelopeTo,
            String tlsProtocol, String cipherSuite, byte[] raw) {
        InternetHeaders headers = headers(raw);
        return new CaughtMessage(id, receivedAt, envelopeFrom, envelopeTo, decoded(header(headers, "Subject")),
                header(headers, "Message-ID"), header(headers, "Content-Type"), tlsProtocol, cipherSuite, raw);
    }

    public int size() {
        return raw.length;
    }

    /** The media type alone, without parameters: {@code application/pkcs7-mime}. */
    public String mediaType() {
        if (contentType == null) {
            return "text/plain"; // RFC 2045 5.2: the default when there is no Content-Type
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    }

    private static InternetHeaders headers(byte[] raw) {
        try {
            return new InternetHeaders(new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return new InternetHeaders(); // not parseable as headers: still shown raw
        }
    }

    private static String header(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, null);
        return value == null ? null : MimeUtility.unfold(value).strip();
    }

    private static String decoded(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }
}
