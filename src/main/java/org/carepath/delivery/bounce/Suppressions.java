package org.carepath.delivery.bounce;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.carepath.engagement.PatientWithdrew;
import org.carepath.platform.CiphertextRewriter;
import org.carepath.platform.FieldCipher;
import org.carepath.platform.Reencryptable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Addresses that bounced for good. A suppression belongs to a patient and to the address that bounced: it
 * holds while that is still the patient's address, so correcting the address in the registry is enough to
 * write to the patient again. Suppressing tells the patient's journeys ({@link PatientWithdrew}, reason
 * {@code HARD_BOUNCE}), which stop before their next send.
 */
@Service
public class Suppressions implements Reencryptable {

    private static final String EMAIL = "address_suppression.email";

    /** What an operator sees of a suppression: no address. */
    public record Suppression(String patientId, String reason, String statusCode, String source, String messageId,
                              Instant since) {
    }

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    public Suppressions(JdbcTemplate jdbc, FieldCipher cipher, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.events = events;
    }

    /** Whether {@code address} bounced for good while it was this patient's address. */
    public boolean isSuppressed(String patientId, String address) {
        return jdbc.query("select email_ct from carepath.address_suppression where patient_id = ?",
                        (rs, n) -> rs.getBytes(1), patientId).stream()
                .map(ct -> new String(cipher.decrypt(ct, EMAIL), StandardCharsets.UTF_8))
                .anyMatch(suppressed -> suppressed.equals(normalised(address)));
    }

    /**
     * Suppresses the patient's {@code address} (replacing an earlier suppression of another address).
     * @param source where the bounce was learnt: {@code SMTP} (the server refused at once) or {@code DSN}
     */
    @Transactional
    public void suppress(String patientId, String address, HardBounce bounce, String source, String messageId) {
        jdbc.update("insert into carepath.address_suppression (patient_id, email_ct, reason, status_code, source,"
                        + " message_id, created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (patient_id) do update"
                        + " set email_ct = excluded.email_ct, reason = excluded.reason,"
                        + " status_code = excluded.status_code, source = excluded.source,"
                        + " message_id = excluded.message_id, created_at = excluded.created_at",
                patientId, cipher.encrypt(normalised(address).getBytes(StandardCharsets.UTF_8), EMAIL),
                bounce.reason(), bounce.statusCode(), source, messageId, Timestamp.from(clock.instant()));
        events.publishEvent(new PatientWithdrew(patientId, PatientWithdrew.Reason.HARD_BOUNCE));
    }

    public Optional<Suppression> of(String patientId) {
        return jdbc.query("select patient_id, reason, status_code, source, message_id, created_at"
                        + " from carepath.address_suppression where patient_id = ?",
                (rs, n) -> new Suppression(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()), patientId).stream().findFirst();
    }

    /** Lifts the patient's suppression (an operator knows the mailbox works again); false when there was none. */
    public boolean lift(String patientId) {
        return jdbc.update("delete from carepath.address_suppression where patient_id = ?", patientId) == 1;
    }

    @Override
    public String name() {
        return "suppressions";
    }

    @Override
    public int reencrypt(CiphertextRewriter rewriter) {
        return rewriter.rewrite("carepath.address_suppression", "patient_id", Map.of("email_ct", EMAIL));
    }

    private static String normalised(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
