package org.carepath.delivery.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * The delivery outbox in PostgreSQL. {@link #enqueue} joins the caller's transaction, so a message exists
 * exactly when the step that produced it committed. {@link #claim} hands due messages to one worker with a
 * lease, using FOR UPDATE SKIP LOCKED so that workers on every node share the rows without coordination.
 */
@Service
public class Outbox implements Reencryptable {

    private static final String PAYLOAD = "outbox.payload";

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final Clock clock;

    @Autowired
    public Outbox(JdbcTemplate jdbc, FieldCipher cipher) {
        this(jdbc, cipher, Clock.systemUTC());
    }

    Outbox(JdbcTemplate jdbc, FieldCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Queues a message once: the same idempotency key (journey instance, step and recipient) queues nothing
     * new, and the id of the message already queued is returned.
     */
    public String enqueue(String idempotencyKey, String patientId, byte[] payload) {
        return enqueue(idempotencyKey, patientId, payload, null);
    }

    /** As {@link #enqueue(String, String, byte[])}, not to be sent before {@code notBefore} (null: now). */
    public String enqueue(String idempotencyKey, String patientId, byte[] payload, Instant notBefore) {
        Instant now = clock.instant();
        Instant due = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        String id = "m-" + UUID.randomUUID();
        int inserted = jdbc.update("insert into carepath.outbox_message (id, idempotency_key, patient_id, status,"
                        + " next_attempt_at, payload_ct, created_at, updated_at) values (?, ?, ?, 'QUEUED', ?, ?, ?, ?)"
                        + " on conflict (idempotency_key) do nothing", id, idempotencyKey, patientId,
                Timestamp.from(due), cipher.encrypt(payload, PAYLOAD), Timestamp.from(now), Timestamp.from(now));
        return inserted == 1 ? id : jdbc.queryForObject(
                "select id from carepath.outbox_message where idempotency_key = ?", String.class, idempotencyKey);
    }

    /**
     * Claims up to {@code limit} due messages for {@code lease}: queued ones, ones due for a retry, and ones
     * whose worker's lease ran out (it died mid-send). The claim commits before anything is sent.
     */
    public List<OutboxMessage> claim(int limit, Duration lease) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp until = Timestamp.from(clock.instant().plus(lease));
        String token = UUID.randomUUID().toString();
        // one statement: the claim commits (autocommit) before anything is sent
        return jdbc.query("update carepath.outbox_message m set status = 'SENDING', lease_until = ?,"
                        + " lease_token = ?, attempts = m.attempts + 1, updated_at = ?"
                        + " where m.id in (select id from carepath.outbox_message"
                        + "   where (status in ('QUEUED', 'RETRY') and next_attempt_at <= ?)"
                        + "      or (status = 'SENDING' and lease_until < ?)"
                        + "   order by next_attempt_at limit ? for update skip locked)"
                        + " returning m.id, m.idempotency_key, m.patient_id, m.attempts - 1 as attempts, m.payload_ct",
                (rs, n) -> new OutboxMessage(rs.getString("id"), rs.getString("idempotency_key"),
                        rs.getString("patient_id"), rs.getInt("attempts"),
                        cipher.decrypt(rs.getBytes("payload_ct"), PAYLOAD), token), until, token, now, now, now, limit);
    }

    /**
     * Renews a claimed message's lease just before it is sent, so that a batch's last message is as safe as
     * its first. False when the lease ran out and another worker took the message over: the caller must not
     * send it (the other worker does).
     */
    public boolean renewLease(OutboxMessage claimed, Duration lease) {
        Instant now = clock.instant();
        return jdbc.update("update carepath.outbox_message set lease_until = ?, updated_at = ?"
                        + " where id = ? and status = 'SENDING' and lease_token = ?",
                Timestamp.from(now.plus(lease)), Timestamp.from(now), claimed.id(), claimed.leaseToken()) == 1;
    }

    /** Hands claimed messages back untouched (a worker stopping): due at once, the claim not counted. */
    public void release(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update("update carepath.outbox_message set status = 'RETRY', lease_until = null,"
                + " attempts = greatest(attempts - 1, 0), next_attempt_at = ?, updated_at = ?"
                + " where id = any(?) and status = 'SENDING'", Timestamp.from(clock.instant()),
                Timestamp.from(clock.instant()), (Object) ids.toArray(String[]::new));
    }

    /**
     * Puts a claimed message back until {@code until} without counting the claim as an attempt: the message
     * was not tried (its domain was busy), so it must not come closer to giving up.
     */
    public void defer(String id, Instant until, String outcome) {
        jdbc.update("update carepath.outbox_message set status = 'RETRY', lease_until = null,"
                + " attempts = greatest(attempts - 1, 0), next_attempt_at = ?, last_outcome = ?, updated_at = ?"
                + " where id = ?", Timestamp.from(until), outcome, Timestamp.from(clock.instant()), id);
    }

    /** Final: sent, refused for good, or blocked by the rules at the last moment. */
    public void finish(String id, OutboxStatus status, String outcome) {
        if (status != OutboxStatus.SENT && status != OutboxStatus.FAILED && status != OutboxStatus.BLOCKED) {
            throw new IllegalArgumentException("not a final status: " + status);
        }
        jdbc.update("update carepath.outbox_message set status = ?, lease_until = null, last_outcome = ?,"
                + " updated_at = ? where id = ?", status.name(), outcome, Timestamp.from(clock.instant()), id);
    }

    /** Sent: final, with the Message-ID it left with so that a later bounce report finds it. */
    public void finishSent(String id, String messageId, String outcome) {
        jdbc.update("update carepath.outbox_message set status = 'SENT', lease_until = null, message_id = ?,"
                + " last_outcome = ?, updated_at = ? where id = ?", messageId, outcome,
                Timestamp.from(clock.instant()), id);
    }

    /** A message that was sent, found by the Message-ID it left with. */
    public record Sent(String id, String patientId) {
    }

    public Optional<Sent> sentWithMessageId(String messageId) {
        return jdbc.query("select id, patient_id from carepath.outbox_message where message_id = ?",
                (rs, n) -> new Sent(rs.getString(1), rs.getString(2)), messageId).stream().findFirst();
    }

    /**
     * Withdraws the messages that journeys queued and that have not gone yet (queued, or waiting for a retry):
     * they become BLOCKED with {@code reason}. A message being sent at this moment still goes. Journey messages
     * carry their journey instance in the idempotency key ({@code journey/<instance>/<step>/<patient>}).
     *
     * @return how many were withdrawn
     */
    public int withdrawJourneyMessages(List<String> journeyInstanceIds, String reason) {
        if (journeyInstanceIds.isEmpty()) {
            return 0;
        }
        return jdbc.update("update carepath.outbox_message set status = 'BLOCKED', last_outcome = ?, updated_at = ?"
                + " where status in ('QUEUED', 'RETRY') and idempotency_key like 'journey/%'"
                + " and split_part(idempotency_key, '/', 2) = any(?)", reason, Timestamp.from(clock.instant()),
                (Object) journeyInstanceIds.toArray(String[]::new));
    }

    /** A sent message the recipient's server reported back as undeliverable. */
    public void markBounced(String id, String outcome) {
        jdbc.update("update carepath.outbox_message set status = 'BOUNCED', last_outcome = ?, updated_at = ?"
                + " where id = ? and status = 'SENT'", outcome, Timestamp.from(clock.instant()), id);
    }

    /** A temporary failure: try again after the policy's backoff, or fail once the attempts are used up. */
    public OutboxStatus retryLater(String id, int attemptsMade, RetryPolicy policy, String outcome) {
        if (policy.exhausted(attemptsMade)) {
            finish(id, OutboxStatus.FAILED, outcome);
            return OutboxStatus.FAILED;
        }
        Instant next = clock.instant().plus(policy.delayAfter(attemptsMade));
        jdbc.update("update carepath.outbox_message set status = 'RETRY', lease_until = null, next_attempt_at = ?,"
                + " last_outcome = ?, updated_at = ? where id = ?", Timestamp.from(next), outcome,
                Timestamp.from(clock.instant()), id);
        return OutboxStatus.RETRY;
    }

    /** How many messages are in each state (every state listed, zero or not), for operators. */
    public Map<OutboxStatus, Long> counts() {
        Map<OutboxStatus, Long> counts = new java.util.EnumMap<>(OutboxStatus.class);
        for (OutboxStatus status : OutboxStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.query("select status, count(*) from carepath.outbox_message group by status",
                rs -> {
                    counts.put(OutboxStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** When the message that has waited longest became due (queued or retrying); empty when none is due. */
    public Optional<Instant> oldestDue() {
        Timestamp oldest = jdbc.queryForObject("select min(next_attempt_at) from carepath.outbox_message"
                + " where status in ('QUEUED', 'RETRY') and next_attempt_at <= ?", Timestamp.class,
                Timestamp.from(clock.instant()));
        return Optional.ofNullable(oldest).map(Timestamp::toInstant);
    }

    public Optional<OutboxStatus> status(String id) {
        return jdbc.queryForList("select status from carepath.outbox_message where id = ?", String.class, id)
                .stream().findFirst().map(OutboxStatus::valueOf);
    }

    /** What an operator may see of a message: state, attempts, the last outcome (no payload, no PHI). */
    public Optional<Map<String, Object>> describe(String id) {
        return jdbc.queryForList("select id, status, attempts, last_outcome, message_id, created_at, updated_at"
                + " from carepath.outbox_message where id = ?", id).stream().findFirst();
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public int reencrypt(CiphertextRewriter rewriter) {
        return rewriter.rewrite("carepath.outbox_message", "id", Map.of("payload_ct", PAYLOAD));
    }
}
