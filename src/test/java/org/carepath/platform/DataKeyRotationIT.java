package org.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.carepath.ServerTest;
import org.carepath.compliance.Authorization;
import org.carepath.consent.AuthorizationRegistry;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.junit.jupiter.api.Test;

/**
 * Rotates the data key over the real tables and reads everything back under the new key alone, then
 * rotates back, since the server of the other tests keeps the old key.
 */
class DataKeyRotationIT extends ServerTest {

    private static final Map<String, String> DECISION_COLUMNS = Map.of("request_ciphertext", "decision.request",
            "response_ciphertext", "decision.response");

    @Test
    void everythingIsReadableUnderTheNewKeyAloneAfterReencryption() throws Exception {
        var api = http().bearer(API_KEY);
        api.put("/api/v1/patients/p-rot-1", """
                { "name": "Ines Rotter", "email": "ines.rotter@example.org", "birthDate": "1970-02-03",
                  "clinical": { "conditions": [ { "system": "ICD-10", "code": "I10", "display": "Hypertension" } ] },
                  "unencryptedEmailConsent": { "riskWarningShownAt": "2026-01-02T10:00:00Z",
                                               "confirmedAt": "2026-01-02T10:01:00Z" } }""");
        api.post("/api/v1/authorizations", """
                { "id": "a-rot-1", "patientId": "p-rot-1", "signedAt": "2026-01-10T09:00:00Z", "signature": "I. Rotter",
                  "information": ["DEMOGRAPHICS"], "disclosers": ["Riverside"], "recipients": ["Riverside"],
                  "purposes": ["PROMOTION"], "expiresAt": "2027-01-10T00:00:00Z" }""");
        String decisionId = api.post("/api/v1/decisions", "{\"patientId\":\"p-rot-1\","
                + "\"communication\":{\"purpose\":\"PROMOTION\"}}").json().get("decisionId").asText();

        byte[] oldKey = Base64.getDecoder().decode(Files.readString(Path.of("target/test-var/data.key")).strip());
        byte[] newKey = new byte[32];
        new SecureRandom().nextBytes(newKey);
        PatientDetails before = new PatientRegistry(jdbc, new FieldCipher(oldKey, List.of())).find("p-rot-1")
                .orElseThrow();
        Authorization authorizationBefore = new AuthorizationRegistry(jdbc, new FieldCipher(oldKey, List.of()))
                .find("a-rot-1").orElseThrow();

        FieldCipher rotated = new FieldCipher(newKey, List.of(oldKey));
        try {
            // before re-encryption, the new key with the old one as previous reads everything, by email too
            assertThat(new PatientRegistry(jdbc, rotated).findByEmail("ines.rotter@example.org")).contains(before);

            assertThat(reencryptAll(rotated)).isGreaterThanOrEqualTo(4);
            assertThat(reencryptAll(rotated)).as("a second run finds nothing left to do").isZero();

            FieldCipher newOnly = new FieldCipher(newKey, List.of());
            assertThat(new PatientRegistry(jdbc, newOnly).find("p-rot-1")).contains(before);
            assertThat(new PatientRegistry(jdbc, newOnly).findByEmail("INES.ROTTER@example.org")).contains(before);
            assertThat(new AuthorizationRegistry(jdbc, newOnly).find("a-rot-1")).contains(authorizationBefore);
            byte[] response = jdbc.queryForObject("select response_ciphertext from carepath.decision where id = ?",
                    byte[].class, decisionId);
            assertThat(new String(newOnly.decrypt(response, "decision.response"))).contains(decisionId);
            assertThatThrownBy(() -> new PatientRegistry(jdbc, new FieldCipher(oldKey, List.of())).find("p-rot-1"))
                    .hasMessageContaining("not configured");
        } finally {
            reencryptAll(new FieldCipher(oldKey, List.of(newKey)));
        }
        assertThat(api.get("/api/v1/patients/p-rot-1").json().get("name").asText()).isEqualTo("Ines Rotter");
    }

    private int reencryptAll(FieldCipher cipher) {
        CiphertextRewriter rewriter = new CiphertextRewriter(jdbc, cipher);
        return new PatientRegistry(jdbc, cipher).reencrypt(rewriter)
                + new AuthorizationRegistry(jdbc, cipher).reencrypt(rewriter)
                + rewriter.rewrite("carepath.decision", "id", DECISION_COLUMNS);
    }
}
