package org.carepath.patient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.carepath.compliance.Patient;
import org.carepath.compliance.UnencryptedEmailConsent;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.engagement.PatientWithdrew;
import org.carepath.platform.CiphertextRewriter;
import org.carepath.platform.FieldCipher;
import org.carepath.platform.Reencryptable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The patient registry. PHI is encrypted field by field before it reaches the database, each column under
 * its own context so a value cannot be moved to another column; the email is also kept as a keyed hash for
 * lookups.
 */
@Service
public class PatientRegistry implements Reencryptable {

    private static final ObjectMapper JSON = ContractJson.json();

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final ApplicationEventPublisher events;

    public PatientRegistry(JdbcTemplate jdbc, FieldCipher cipher) {
        this(jdbc, cipher, event -> { });
    }

    @Autowired
    public PatientRegistry(JdbcTemplate jdbc, FieldCipher cipher, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.events = events;
    }

    /**
     * Creates the patient, or replaces what is known of them (imports are idempotent). A stored patient who now
     * opts out of marketing (an imported Consent, a replaced record) is a withdrawal, as through the preference.
     */
    public void save(PatientDetails p) {
        Instant now = Instant.now();
        // the CTE reads the row as it was before this statement changes it
        List<Boolean> before = jdbc.queryForList("with before as (select marketing_opt_out from carepath.patient"
                        + " where id = ?) insert into carepath.patient (id, email_lookup, name_ct, email_ct,"
                        + " birth_date_ct, sex_ct,"
                        + " postal_code_ct, clinical_ct, marketing_opt_out, consent_ct, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (id) do update set email_lookup = excluded.email_lookup,"
                        + " name_ct = excluded.name_ct, email_ct = excluded.email_ct,"
                        + " birth_date_ct = excluded.birth_date_ct, sex_ct = excluded.sex_ct,"
                        + " postal_code_ct = excluded.postal_code_ct, clinical_ct = excluded.clinical_ct,"
                        + " marketing_opt_out = excluded.marketing_opt_out, consent_ct = excluded.consent_ct,"
                        + " updated_at = excluded.updated_at returning (select marketing_opt_out from before)",
                Boolean.class, p.id(), p.id(), p.email() == null ? null : emailLookup(p.email()),
                seal(p.name(), "patient.name"), seal(p.email(), "patient.email"),
                seal(p.birthDate() == null ? null : p.birthDate().toString(), "patient.birth_date"),
                seal(p.sex(), "patient.sex"), seal(p.postalCode(), "patient.postal_code"),
                sealJson(p.clinical(), "patient.clinical"), p.marketingOptOut(),
                sealJson(p.unencryptedEmailConsent(), "patient.consent"), Timestamp.from(now), Timestamp.from(now));
        if (p.marketingOptOut() && Boolean.FALSE.equals(before.get(0))) {
            events.publishEvent(new PatientWithdrew(p.id(), PatientWithdrew.Reason.MARKETING_OPT_OUT));
        }
    }

    public Optional<PatientDetails> find(String id) {
        return jdbc.query("select * from carepath.patient where id = ?", this::row, id).stream().findFirst();
    }

    public Optional<PatientDetails> findByEmail(String email) {
        // under every configured key, so patients not yet re-encrypted after a key rotation are still found
        byte[][] hashes = cipher.lookupHashes(normalised(email), "patient.email").toArray(byte[][]::new);
        return jdbc.query("select * from carepath.patient where email_lookup = any(?)", this::row, (Object) hashes)
                .stream().findFirst();
    }

    @Override
    public String name() {
        return "patients";
    }

    @Override
    public int reencrypt(CiphertextRewriter rewriter) {
        int rewritten = rewriter.rewrite("carepath.patient", "id", Map.of("name_ct", "patient.name",
                "email_ct", "patient.email", "birth_date_ct", "patient.birth_date", "sex_ct", "patient.sex",
                "postal_code_ct", "patient.postal_code", "clinical_ct", "patient.clinical",
                "consent_ct", "patient.consent"));
        // the lookup hash follows the key too; it is derived from the email, so it is recomputed from it
        jdbc.query("select id, email_ct from carepath.patient where email_ct is not null", rs -> {
            String email = open(rs.getBytes("email_ct"), "patient.email");
            jdbc.update("update carepath.patient set email_lookup = ? where id = ?", emailLookup(email),
                    rs.getString("id"));
        });
        return rewritten;
    }

    /**
     * The patient as the rules see them: id, marketing opt-out and unencrypted-email consent. Decisions are a
     * hot path, so only the consent column is decrypted, not the name, address and clinical document.
     */
    public Optional<Patient> preferences(String id) {
        return jdbc.query("select id, marketing_opt_out, consent_ct from carepath.patient where id = ?",
                (rs, n) -> new Patient(rs.getString("id"), rs.getBoolean("marketing_opt_out"),
                        openJson(rs.getBytes("consent_ct"), "patient.consent", UnencryptedEmailConsent.class)), id)
                .stream().findFirst();
    }

    /**
     * The patient's email address and nothing else: delivery reads it before every send, so only that column
     * is decrypted. Empty when there is no such patient; an empty string inside when the patient has no address.
     */
    public Optional<String> email(String id) {
        return jdbc.query("select email_ct from carepath.patient where id = ?",
                (rs, n) -> Optional.ofNullable(open(rs.getBytes("email_ct"), "patient.email")).orElse(""), id)
                .stream().findFirst();
    }

    /** Every patient, decrypted one row at a time as the stream is consumed; close the stream when done. */
    public java.util.stream.Stream<PatientDetails> all() {
        return jdbc.queryForStream("select * from carepath.patient order by id", this::row);
    }

    public boolean exists(String id) {
        return jdbc.queryForObject("select count(*) from carepath.patient where id = ?", Integer.class, id) > 0;
    }

    /** Opting out of marketing, or back in. */
    public boolean setMarketingOptOut(String id, boolean optOut) {
        return setMarketingOptOut(id, optOut, PatientWithdrew.Reason.MARKETING_OPT_OUT);
    }

    /**
     * As {@link #setMarketingOptOut(String, boolean)}, saying why an opt-out happened (an unsubscribe link is one
     * kind), so running journeys hear of it once, with that reason.
     */
    public boolean setMarketingOptOut(String id, boolean optOut, PatientWithdrew.Reason why) {
        boolean found = jdbc.update("update carepath.patient set marketing_opt_out = ?, updated_at = now()"
                + " where id = ?", optOut, id) == 1;
        if (found && optOut) {
            events.publishEvent(new PatientWithdrew(id, why));
        }
        return found;
    }

    /** The patient's request for unencrypted email: risk warning, confirmation, withdrawal. */
    public boolean setUnencryptedEmailConsent(String id, UnencryptedEmailConsent consent) {
        return jdbc.update("update carepath.patient set consent_ct = ?, updated_at = now() where id = ?",
                sealJson(consent, "patient.consent"), id) == 1;
    }

    private byte[] emailLookup(String email) {
        return cipher.lookupHash(normalised(email), "patient.email");
    }

    private static String normalised(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private PatientDetails row(ResultSet rs, int n) throws SQLException {
        String birthDate = open(rs.getBytes("birth_date_ct"), "patient.birth_date");
        return new PatientDetails(rs.getString("id"), open(rs.getBytes("name_ct"), "patient.name"),
                open(rs.getBytes("email_ct"), "patient.email"),
                birthDate == null ? null : LocalDate.parse(birthDate), open(rs.getBytes("sex_ct"), "patient.sex"),
                open(rs.getBytes("postal_code_ct"), "patient.postal_code"),
                openJson(rs.getBytes("clinical_ct"), "patient.clinical", ClinicalFacts.class),
                rs.getBoolean("marketing_opt_out"),
                openJson(rs.getBytes("consent_ct"), "patient.consent", UnencryptedEmailConsent.class));
    }

    private byte[] seal(String value, String context) {
        return value == null ? null : cipher.encrypt(value.getBytes(StandardCharsets.UTF_8), context);
    }

    private String open(byte[] sealed, String context) {
        return sealed == null ? null : new String(cipher.decrypt(sealed, context), StandardCharsets.UTF_8);
    }

    private byte[] sealJson(Object value, String context) {
        try {
            return value == null ? null : cipher.encrypt(JSON.writeValueAsBytes(value), context);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + context, e);
        }
    }

    private <T> T openJson(byte[] sealed, String context, Class<T> type) {
        try {
            return sealed == null ? null : JSON.readValue(cipher.decrypt(sealed, context), type);
        } catch (IOException e) {
            throw new IllegalStateException("stored " + context + " is unreadable", e);
        }
    }
}
