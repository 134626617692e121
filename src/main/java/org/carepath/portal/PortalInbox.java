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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carepath.engagement.Engaged;
import org.carepath.platform.CiphertextRewriter;
import org.carepath.platform.FieldCipher;
import org.carepath.platform.Reencryptable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    public PortalInbox(JdbcTemplate jdbc, FieldCipher cipher, ApplicationEventPublisher events) {
        this(jdbc, cipher, Clock.systemUTC(), events);
    }

    PortalInbox(JdbcTemplate jdbc, FieldCipher cipher, Clock clock) {
        this(jdbc, cipher, clock, event -> { });
    }

    PortalInbox(JdbcTemplate jdbc, FieldCipher cipher, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.events = events;
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

    /** A one-time code for opening a message, and the patient to send it to. */
    public record IssuedCode(String patientId, String code) {
    }

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final int CODE_ATTEMPTS = 5;

    /**
     * Issues a fresh six-digit code for the message behind a link, if the link can still open it. Only a hash
     * bound to the link is kept; asking again replaces the code and its attempts.
     */
    public Optional<IssuedCode> issueCode(String token) {
        String code = "%06d".formatted(random.nextInt(1_000_000));
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.queryForList("update carepath.portal_message set code_hash = ?, code_expires_at = ?,"
                        + " code_attempts = 0 where token_hash = ? and opened_at is null and expires_at > ?"
                        + " returning patient_id", String.class, hash(token + ":" + code),
                Timestamp.from(clock.instant().plus(CODE_LIFETIME)), hash(token), now)
                .stream().findFirst().map(patient -> new IssuedCode(patient, code));
    }

    /**
     * Opens the message behind a link with its one-time code, once. Every try counts, right or wrong; after
     * {@value #CODE_ATTEMPTS} the code is dead and a new one must be asked for. Marking the message opened is
     * guarded in the same statement, so two right answers at once cannot both read it.
     */
    public Optional<byte[]> open(String token, String code) {
        Timestamp now = Timestamp.from(clock.instant());
        List<byte[]> stored = jdbc.queryForList("update carepath.portal_message set code_attempts = code_attempts + 1"
                + " where token_hash = ? and opened_at is null and expires_at > ? and code_expires_at > ?"
                + " and code_attempts < ? returning code_hash", byte[].class, hash(token), now, now, CODE_ATTEMPTS);
        if (stored.isEmpty() || code == null
                || !MessageDigest.isEqual(stored.get(0), hash(token + ":" + code.strip()))) {
            return Optional.empty();
        }
        Optional<Opened> opened = jdbc.query("update carepath.portal_message set opened_at = ? where token_hash = ?"
                        + " and opened_at is null returning patient_id, message_ct",
                (rs, n) -> new Opened(rs.getString("patient_id"), cipher.decrypt(rs.getBytes("message_ct"), MESSAGE)),
                now, hash(token)).stream().findFirst();
        // a read in the portal is an open: journeys waiting for the patient to engage may go on
        opened.ifPresent(o -> events.publishEvent(new Engaged(o.patientId(), Engaged.Kind.OPENED, null)));
        return opened.map(Opened::message);
    }

    private record Opened(String patientId, byte[] message) {
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
