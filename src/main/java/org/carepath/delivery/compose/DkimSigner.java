package org.carepath.delivery.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Signs a message with DKIM (RFC 6376): rsa-sha256, relaxed/relaxed, over From, To, Subject, Date, Message-ID,
 * MIME-Version, Content-Type (From, To and Subject once more, against added copies) and, when present, List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 section 4
 * asks for those two to be signed, so no relay can point the one-click link elsewhere).
 *
 * <p>The signature covers the message's bytes as Jakarta Mail writes them; the returned message is those bytes
 * plus the DKIM-Signature header and will not change again (see {@link SignedMimeMessage}). Sign last: after
 * composing, and after encryption if there is any.
 */
public class DkimSigner {

    static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID",
            "MIME-Version", "Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post");

    /**
     * Signed once more than they occur (RFC 6376 section 8.15): an empty instance is signed too, so a second
     * From, To or Subject added on the way breaks the signature instead of being shown to the patient.
     */
    static final List<String> OVERSIGNED_HEADERS = List.of("From", "To", "Subject");

    private final String domain;
    private final String selector;
    private final PrivateKey key;
    private final Clock clock;

    public DkimSigner(String domain, String selector, PrivateKey key, Clock clock) {
        this.domain = tagValue("domain", domain);
        this.selector = tagValue("selector", selector);
        if (!(key instanceof RSAPrivateKey rsa) || rsa.getModulus().bitLength() < 1024) {
            // RFC 8301: verifiers must reject RSA keys under 1024 bits; 2048 is what to use
            throw new IllegalArgumentException("DKIM key must be an RSA key of at least 1024 bits");
        }
        this.key = key;
        this.clock = clock;
    }

    /** A signer from a PEM private key (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"), as configured. */
    public static DkimSigner fromPem(String domain, String selector, String privateKeyPem, Clock clock) {
        try (PEMParser parser = new PEMParser(new StringReader(privateKeyPem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey key;
            if (object instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else if (object instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new IllegalArgumentException("DKIM private key: no unencrypted RSA private key in the PEM");
            }
            return new DkimSigner(domain, selector, key, clock);
        } catch (IOException e) {
            // never the PEM itself in a message
            throw new IllegalArgumentException("DKIM private key: not a readable PEM", e);
        }
    }

    public MimeMessage sign(MimeMessage message, Session session) throws MessagingException, IOException {
        return new SignedMimeMessage(session, sign(bytesOf(message)));
    }

    /** Signs a message given as its bytes (CRLF line ends) and returns them with DKIM-Signature on top. */
    byte[] sign(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String headerBlock = end < 0 ? text : text.substring(0, end + 2);
        String body = end < 0 ? "" : text.substring(end + 4);
        List<String> fields = headerFields(headerBlock);

        StringBuilder signedNames = new StringBuilder();
        StringBuilder canonical = new StringBuilder();
        List<Integer> used = new ArrayList<>();
        for (String name : SIGNED_HEADERS) {
            // the last instance of a header is the one verifiers pick first (RFC 6376 section 5.4.2)
            int index = lastField(fields, name, used);
            if (index < 0) {
                continue;
            }
            used.add(index);
            String field = fields.get(index);
            canonical.append(RelaxedCanonicalization.header(field)).append("\r\n");
            signedNames.append(signedNames.length() == 0 ? "" : ":").append(name.toLowerCase(Locale.ROOT));
        }

        for (String name : OVERSIGNED_HEADERS) {
            // no instance is left, so this name adds nothing to the hash: it signs that there is no other one
            signedNames.append(':').append(name.toLowerCase(Locale.ROOT));
        }

        String unsigned = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + ";\r\n\tt=" + clock.instant().getEpochSecond()
                + "; h=" + signedNames
                + ";\r\n\tbh=" + base64(sha256(RelaxedCanonicalization.body(body)))
                + ";\r\n\tb=";
        // the DKIM-Signature itself is hashed last, with b= empty and without its final CRLF (section 3.7)
        canonical.append(RelaxedCanonicalization.header(unsigned));
        String header = unsigned + base64(rsaSha256(canonical.toString())) + "\r\n";
        return (header + text).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> headerFields(String headerBlock) {
        List<String> fields = new ArrayList<>();
        for (String line : headerBlock.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                int last = fields.size() - 1;
                fields.set(last, fields.get(last) + "\r\n" + line);  // a folded continuation
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    private static int lastField(List<String> fields, String name, List<Integer> used) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            String field = fields.get(i);
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).strip().equalsIgnoreCase(name) && !used.contains(i)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytesOf(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);  // Jakarta Mail writes CRLF line ends, as on the wire
        return out.toByteArray();
    }

    private static byte[] sha256(String canonical) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.ISO_8859_1));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private byte[] rsaSha256(String canonical) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(canonical.getBytes(StandardCharsets.ISO_8859_1));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM signing failed", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String tagValue(String what, String value) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
            throw new IllegalArgumentException("DKIM " + what + " must be a plain DNS label or name");
        }
        return value;
    }
}
