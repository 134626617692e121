package org.carepath.engagement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.carepath.patient.PatientRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Tokens for one-click unsubscribe links: 32 random bytes, kept only as a SHA-256 with the patient they opt
 * out of marketing. Using one opts the patient out; using it again changes nothing and still says so, since
 * mail clients and link scanners may post twice.
 */
@Service
public class Unsubscribes {

    private final JdbcTemplate jdbc;
    private final PatientRegistry patients;
    private final SecureRandom random = new SecureRandom();

    public Unsubscribes(JdbcTemplate jdbc, PatientRegistry patients) {
        this.jdbc = jdbc;
        this.patients = patients;
    }

    public String issue(String patientId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("insert into carepath.unsubscribe_token (token_hash, patient_id, created_at) values (?, ?, ?)",
                hash(token), patientId, Timestamp.from(Instant.now()));
        return token;
    }

    /** Opts the token's patient out of marketing; false when the token is unknown. */
    public boolean unsubscribe(String token) {
        List<String> patient = jdbc.queryForList("update carepath.unsubscribe_token set used_at = coalesce(used_at,"
                + " now()) where token_hash = ? returning patient_id", String.class, hash(token));
        if (patient.isEmpty()) {
            return false;
        }
        patients.setMarketingOptOut(patient.get(0), true, PatientWithdrew.Reason.UNSUBSCRIBED);
        return true;
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
