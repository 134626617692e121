package org.carepath.delivery.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Message-IDs derived from the idempotency key: {@code <} 32 hex digits of SHA-256(key) {@code @} mail domain
 * {@code >}. Hashing keeps the recipient's address (PHI) out of a header every mail server logs, while the same key
 * always gives the same id. 128 bits leave no practical chance of two deliveries sharing one.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(IdempotencyKey key, String mailDomain) {
        HeaderValues.requireSingleLine("mail domain", mailDomain);
        if (!mailDomain.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("mail domain must be a plain host name");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(key.canonical().getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest).substring(0, 32) + "@" + mailDomain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
