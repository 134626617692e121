package org.carepath.delivery.catcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** The text/plain part of an unencrypted caught message, for the operator page. */
final class ReadableText {

    /** What only the recipient's key opens: S/MIME (RFC 8551) and PGP/MIME (RFC 3156). */
    private static final Set<String> ENCRYPTED = Set.of("application/pkcs7-mime", "application/x-pkcs7-mime",
            "multipart/encrypted");

    private ReadableText() {
    }

    static boolean encrypted(CaughtMessage message) {
        return ENCRYPTED.contains(message.mediaType().toLowerCase(Locale.ROOT));
    }

    /** The first text/plain part, decoded; empty for encrypted or unparseable messages and those without one. */
    static Optional<String> of(CaughtMessage message) {
        if (encrypted(message)) {
            return Optional.empty();
        }
        try {
            MimeMessage mime = new MimeMessage(Session.getInstance(new java.util.Properties()),
                    new ByteArrayInputStream(message.raw()));
            return firstText(mime, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            return Optional.empty(); // malformed MIME: the source is still shown
        }
    }

    private static Optional<String> firstText(Part part, int depth) throws MessagingException, IOException {
        if (depth > 10) {
            return Optional.empty(); // nesting is bounded by the message size, but not this deep in real mail
        }
        if (part.isMimeType("text/plain")) {
            Object content = part.getContent();
            return content instanceof String text ? Optional.of(text) : Optional.empty();
        }
        if (part.isMimeType("multipart/*") && !part.isMimeType("multipart/encrypted")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<String> text = firstText(multipart.getBodyPart(i), depth + 1);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }
}
