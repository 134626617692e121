package org.carepath.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carepath.platform.CiphertextRewriter;
import org.carepath.platform.FieldCipher;
import org.carepath.platform.Reencryptable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The portal path: the full message waits here, encrypted, and the patient gets a notification with no PHI
 * and a single-use link. The link's token is 32 random bytes; only its SHA-256 is stored, so the table alone
 * opens nothing. A token opens its message once, before it expires.
 */
@Service
public class PortalInbox implements Reencryptable {

    private static final String MESSAGE = "portal.message";
    static final Duration LINK_LIFETIME = Duration.ofDays(14);

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    public PortalInbox(JdbcTemplate jdbc, FieldCipher cipher) {
        this(jdbc, cipher, Clock.systemUTC());
    }

    PortalInbox(JdbcTemplate jdbc, FieldCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A stored message and the token for its link, which exists only in this answer. */
    public record Deposit(String messageId, String token, Instant expiresAt) {
    }

    /**
     * Deposits the message for one delivery. A retried delivery (same {@code deliveryKey}) keeps one message
     * and gets a fresh link: the earlier link, if its notice ever arrived, stops working.
     */
    public Deposit deposit(String deliveryKey, String patientId, byte[] mimeMessage) {
        byte[] token = new byte[32];
        random.nextBytes(token);
        String tokenText = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        Instant now = clock.instant();
        Instant expires = now.plus(LINK_LIFETIME);
        String id = jdbc.queryForObject("insert into carepath.portal_message (id, delivery_key, patient_id,"
                        + " message_ct, token_hash, expires_at, created_at) values (?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (delivery_key) do update set token_hash = excluded.token_hash,"
                        + " expires_at = excluded.expires_at returning id", String.class, "pm-" + UUID.randomUUID(),
                deliveryKey, patientId, cipher.encrypt(mimeMessage, MESSAGE), hash(tokenText),
                Timestamp.from(expires), Timestamp.from(now));
        return new Deposit(id, tokenText, expires);
    }

    /**
     * Opens the message behind a token, once: the first call that finds it unopened and unexpired marks it
     * opened in the same statement, so two clicks at the same moment cannot both read it.
     */
    public Optional<byte[]> open(String token) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.query("update carepath.portal_message set opened_at = ? where token_hash = ?"
                        + " and opened_at is null and expires_at > ? returning message_ct",
                (rs, n) -> cipher.decrypt(rs.getBytes("message_ct"), MESSAGE), now, hash(token), now)
                .stream().findFirst();
    }

    @Override
    public String name() {
        return "portal messages";
    }

    @Override
    public int reencrypt(CiphertextRewriter rewriter) {
        return rewriter.rewrite("carepath.portal_message", "id", Map.of("message_ct", MESSAGE));
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
