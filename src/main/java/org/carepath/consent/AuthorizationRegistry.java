package org.carepath.consent;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carepath.compliance.Authorization;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.engagement.PatientWithdrew;
import org.carepath.platform.CiphertextRewriter;
import org.carepath.platform.FieldCipher;
import org.carepath.platform.Reencryptable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Signed authorizations as recorded, and their revocations. Nothing here is ever updated or deleted (the
 * database refuses it): a revocation is a row of its own, applied when the authorization is read.
 */
@Service
public class AuthorizationRegistry implements Reencryptable {

    private static final String CONTENT = "authorization.content";

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final ApplicationEventPublisher events;

    public AuthorizationRegistry(JdbcTemplate jdbc, FieldCipher cipher) {
        this(jdbc, cipher, event -> { });
    }

    @Autowired
    public AuthorizationRegistry(JdbcTemplate jdbc, FieldCipher cipher, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.events = events;
    }

    /** Records the authorization as it is (a defective form is recorded as what it is). */
    public Authorization record(Authorization form, String recordedBy) {
        String id = form.id() != null ? form.id() : "a-" + UUID.randomUUID();
        Authorization recorded = withIdAndRevocation(form, id, null);
        try {
            jdbc.update("insert into carepath.authorization_record (id, patient_id, recorded_at, recorded_by,"
                            + " content_ct) values (?, ?, ?, ?, ?)", id, recorded.patientId(),
                    Timestamp.from(Instant.now()), recordedBy, seal(recorded));
        } catch (DuplicateKeyException e) {
            throw new AuthorizationConflictException("an authorization with that id is already recorded");
        }
        return recorded;
    }

    /**
     * Records that a revocation was received at {@code receivedAt}; the first one received counts. Running journeys
     * of the patient hear of it ({@link PatientWithdrew}) once the revocation is committed.
     */
    public Optional<Authorization> revoke(String id, Instant receivedAt, String recordedBy) {
        Optional<Authorization> found = find(id);
        if (found.isEmpty()) {
            return found;
        }
        int recorded = jdbc.update("insert into carepath.authorization_revocation (authorization_id, received_at,"
                        + " recorded_at, recorded_by) values (?, ?, ?, ?) on conflict (authorization_id) do nothing",
                id, Timestamp.from(receivedAt), Timestamp.from(Instant.now()), recordedBy);
        if (recorded == 1) {
            events.publishEvent(new PatientWithdrew(found.get().patientId(),
                    PatientWithdrew.Reason.AUTHORIZATION_REVOKED));
        }
        return find(id);
    }

    public Optional<Authorization> find(String id) {
        return jdbc.query("select a.id, a.content_ct, r.received_at from carepath.authorization_record a"
                + " left join carepath.authorization_revocation r on r.authorization_id = a.id where a.id = ?",
                (rs, n) -> open(rs.getString("id"), rs.getBytes("content_ct"), rs.getTimestamp("received_at")), id)
                .stream().findFirst();
    }

    /** Every authorization the patient signed, revoked ones included, with their revocations applied. */
    public List<Authorization> ofPatient(String patientId) {
        return jdbc.query("select a.id, a.content_ct, r.received_at from carepath.authorization_record a"
                + " left join carepath.authorization_revocation r on r.authorization_id = a.id"
                + " where a.patient_id = ? order by a.recorded_at",
                (rs, n) -> open(rs.getString("id"), rs.getBytes("content_ct"), rs.getTimestamp("received_at")),
                patientId);
    }

    @Override
    public String name() {
        return "authorizations";
    }

    @Override
    public int reencrypt(CiphertextRewriter rewriter) {
        return rewriter.rewrite("carepath.authorization_record", "id", Map.of("content_ct", CONTENT));
    }

    private byte[] seal(Authorization authorization) {
        try {
            return cipher.encrypt(ContractJson.json().writeValueAsBytes(authorization), CONTENT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the authorization", e);
        }
    }

    private Authorization open(String id, byte[] sealed, Timestamp revokedAt) {
        try {
            Authorization stored = ContractJson.json().readValue(cipher.decrypt(sealed, CONTENT),
                    Authorization.class);
            return withIdAndRevocation(stored, id, revokedAt == null ? null : revokedAt.toInstant());
        } catch (IOException e) {
            throw new IllegalStateException("stored authorization is unreadable", e);
        }
    }

    private static Authorization withIdAndRevocation(Authorization a, String id, Instant revocationReceivedAt) {
        return new Authorization(id, a.patientId(), a.signedAt(), a.signature(), a.representative(),
                a.information(), a.disclosers(), a.recipients(), a.purposes(), a.campaignIds(), a.sponsors(),
                a.expiresAt(), a.expirationEvent(), a.expirationEventOccurred(), a.statements(), a.plainLanguage(),
                a.compound(), a.conditioned(), revocationReceivedAt, a.knownFalse());
    }
}
