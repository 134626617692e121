package org.carepath.delivery.encryption;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

/**
 * Splits a message into what is protected and what stays outside. The content (body and its Content-* headers)
 * becomes an inner MIME entity in canonical form; the routing headers (From, To, Subject, Date, Message-ID, ...)
 * go on the outer message, because mail servers need them and the Message-ID is the delivery's idempotency key.
 */
final class MimeEntities {

    static final String CRLF = "\r\n";
    private static final SecureRandom RANDOM = new SecureRandom();

    private MimeEntities() {
    }

    /**
     * The message's content as a MIME entity: its Content-* headers and body, with transfer encodings chosen by
     * Jakarta Mail (7bit, quoted-printable or base64, never 8bit) and every line ending CRLF. Signatures are made
     * over exactly these bytes (RFC 8551 section 3.1.1), and they are carried byte for byte, so what is verified
     * is what was signed.
     */
    static byte[] canonicalContent(MimeMessage message) throws MessagingException, IOException {
        ContentPart part = new ContentPart();
        part.setDataHandler(message.getDataHandler());
        copyHeader(message, part, "Content-Type");
        copyHeader(message, part, "Content-Disposition");
        copyHeader(message, part, "Content-Language");
        copyHeader(message, part, "Content-ID");
        copyHeader(message, part, "Content-Description");
        // Content-Transfer-Encoding is not copied: the part is re-encoded for a 7-bit path
        part.prepare();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        return toCrlf(out.toByteArray());
    }

    /**
     * The outer message: every header of the original except the Content-* ones and MIME-Version, then the given
     * content headers and body. Parsed back so that Jakarta Mail keeps the body byte for byte.
     */
    static MimeMessage outerMessage(Session session, MimeMessage original, String contentHeaders, byte[] body)
            throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Enumeration<String> lines = original.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            String line = lines.nextElement();
            String name = line.substring(0, Math.max(line.indexOf(':'), 0)).trim().toLowerCase(Locale.ROOT);
            if (!name.startsWith("content-") && !name.equals("mime-version")) {
                out.write(ascii(line + CRLF));
            }
        }
        out.write(ascii("MIME-Version: 1.0" + CRLF + contentHeaders + CRLF));
        out.write(body);
        return new KeptIdMessage(session, new ByteArrayInputStream(out.toByteArray()));
    }

    static String boundary(String purpose) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "----=_carepath_" + purpose + "_" + HexFormat.of().formatHex(random);
    }

    /** Base64 in lines of 76 characters ending CRLF (RFC 2045 section 6.8). */
    static byte[] base64Lines(byte[] data) {
        String encoded = Base64.getMimeEncoder(76, ascii(CRLF)).encodeToString(data);
        return ascii(encoded + CRLF);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bare LF and bare CR become CRLF; existing CRLF pairs are kept. */
    static byte[] toCrlf(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 40);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static void copyHeader(MimeMessage from, MimeBodyPart to, String name) throws MessagingException {
        String value = from.getHeader(name, null);
        if (value != null) {
            to.setHeader(name, value);
        }
    }

    /** Exposes updateHeaders, which picks the transfer encodings, without saving a whole message. */
    private static final class ContentPart extends MimeBodyPart {
        void prepare() throws MessagingException {
            updateHeaders();
        }
    }

    /**
     * Jakarta Mail replaces the Message-ID on every saveChanges (which Transport.send calls). The Message-ID
     * carries the idempotency key of the delivery, so a retry must keep it: only a message without one gets one.
     */
    static final class KeptIdMessage extends MimeMessage {
        KeptIdMessage(Session session, InputStream in) throws MessagingException {
            super(session, in);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }
}
