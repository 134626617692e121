package org.carepath.compliance.decision;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Optional;

import org.carepath.compliance.DecisionFacts;
import org.carepath.compliance.Reason;
import org.carepath.platform.FieldCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every decision, stored as it was made. The facts and the answer carry PHI and are encrypted; the rules
 * version, the rules fired and the verdict stay readable for compliance reports.
 */
@Repository
class DecisionJournal {

    private static final String FACTS = "decision.request";
    private static final String RESPONSE = "decision.response";

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;

    DecisionJournal(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    void record(DecisionFacts facts, DecisionResponse response) {
        String[] fired = response.reasons().stream().map(Reason::rule).toArray(String[]::new);
        jdbc.update("insert into carepath.decision (id, decided_at, rules_version, rules_fired, classification, outcome,"
                        + " delivery_path, request_ciphertext, response_ciphertext)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                response.decisionId(), Timestamp.from(response.decidedAt()), response.rulesVersion(), fired,
                response.classification().name(), response.outcome().name(),
                response.deliveryPath() == null ? null : response.deliveryPath().name(),
                seal(facts, FACTS), seal(response, RESPONSE));
    }

    Optional<StoredDecision> find(String id) {
        return jdbc.query("select * from carepath.decision where id = ?", (rs, n) -> new StoredDecision(
                rs.getString("id"), rs.getTimestamp("decided_at").toInstant(), rs.getString("rules_version"),
                Arrays.asList((String[]) rs.getArray("rules_fired").getArray()),
                open(rs.getBytes("request_ciphertext"), FACTS, DecisionFacts.class),
                open(rs.getBytes("response_ciphertext"), RESPONSE, DecisionResponse.class)), id)
                .stream().findFirst();
    }

    private byte[] seal(Object value, String context) {
        try {
            return cipher.encrypt(ContractJson.json().writeValueAsBytes(value), context);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the decision", e);
        }
    }

    private <T> T open(byte[] sealed, String context, Class<T> type) {
        try {
            return ContractJson.json().readValue(cipher.decrypt(sealed, context), type);
        } catch (IOException e) {
            throw new IllegalStateException("stored decision is unreadable", e);
        }
    }
}
