package org.carepath.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.carepath.ServerTest;
import org.junit.jupiter.api.Test;

class AuthorizationRegistryIT extends ServerTest {

    private static String authorization(String id, String patientId, boolean redisclosure) {
        return """
                { "id": "%s", "patientId": "%s", "signedAt": "2026-01-10T09:00:00Z", "signature": "Jo Park",
                  "information": ["DEMOGRAPHICS", "CONDITIONS"], "disclosers": ["Riverside Clinic"],
                  "recipients": ["Riverside Clinic"], "purposes": ["PROMOTION"], "campaignIds": [], "sponsors": [],
                  "expiresAt": "2027-01-10T00:00:00Z",
                  "statements": { "revocationRight": true, "conditioning": true, "redisclosure": %s,
                                  "remuneration": true } }""".formatted(id, patientId, redisclosure);
    }

    private static String promotionAt(String patientId, Instant sendAt) {
        return """
                { "patientId": "%s", "communication": { "purpose": "PROMOTION", "sendAt": "%s",
                  "phiUsed": ["DEMOGRAPHICS"] } }""".formatted(patientId, sendAt);
    }

    private void patient(String id) {
        assertThat(http().bearer(API_KEY).put("/api/v1/patients/" + id,
                "{\"name\":\"Jo Park\",\"email\":\"" + id + "@example.org\"}").status()).isEqualTo(200);
    }

    @Test
    void aDefectiveFormIsRecordedWithItsDefects() {
        patient("p-auth-1");
        var recorded = http().bearer(API_KEY).post("/api/v1/authorizations", authorization("a-def-1", "p-auth-1",
                false));
        assertThat(recorded.status()).isEqualTo(201);
        assertThat(recorded.json().get("defects").toString()).isEqualTo("[\"MISSING_REDISCLOSURE_STATEMENT\"]");
        assertThat(http().bearer(API_KEY).get("/api/v1/authorizations/a-def-1").json()
                .get("authorization").get("signature").asText()).isEqualTo("Jo Park");
    }

    @Test
    void aRevocationCountsFromTheMillisecondItIsReceived() {
        patient("p-auth-2");
        var api = http().bearer(API_KEY);
        assertThat(api.post("/api/v1/authorizations", authorization("a-rev-2", "p-auth-2", true)).json()
                .get("defects").size()).isZero();
        Instant received = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(api.post("/api/v1/authorizations/a-rev-2/revocation", "{\"receivedAt\":\"" + received + "\"}")
                .status()).isEqualTo(200);

        var before = api.post("/api/v1/decisions", promotionAt("p-auth-2", received.minusMillis(1))).json();
        assertThat(before.get("authorization").get("status").asText()).isEqualTo("VALID");
        assertThat(before.get("outcome").asText()).isEqualTo("SEND");

        var after = api.post("/api/v1/decisions", promotionAt("p-auth-2", received.plusMillis(1))).json();
        assertThat(after.get("authorization").get("status").asText()).isEqualTo("REVOKED");
        assertThat(after.get("authorization").get("id").asText()).isEqualTo("a-rev-2");
        assertThat(after.get("outcome").asText()).isEqualTo("BLOCK");
    }

    @Test
    void authorizationsAndRevocationsAreNeverDeletedOrRewritten() {
        patient("p-auth-3");
        var api = http().bearer(API_KEY);
        api.post("/api/v1/authorizations", authorization("a-keep-3", "p-auth-3", true));
        api.post("/api/v1/authorizations/a-keep-3/revocation", "{}");
        assertThatThrownBy(() -> jdbc.update("delete from carepath.authorization_record where id = 'a-keep-3'"))
                .hasMessageContaining("kept for six years");
        assertThatThrownBy(() -> jdbc.update("delete from carepath.authorization_revocation"))
                .hasMessageContaining("kept for six years");
        assertThatThrownBy(() -> jdbc.update("update carepath.authorization_revocation set received_at = now()"))
                .hasMessageContaining("kept for six years");
        assertThatThrownBy(() -> jdbc.update("update carepath.authorization_record set patient_id = 'p-auth-1'"
                + " where id = 'a-keep-3'")).hasMessageContaining("kept for six years");
        assertThat(api.post("/api/v1/authorizations", authorization("a-keep-3", "p-auth-3", true)).status())
                .isEqualTo(409);
    }

    @Test
    void decisionsByPatientIdUseTheRegistry() {
        patient("p-auth-4");
        var api = http().bearer(API_KEY);
        var none = api.post("/api/v1/decisions", promotionAt("p-auth-4", Instant.parse("2026-06-01T12:00:00Z")));
        assertThat(none.json().get("authorization").get("status").asText()).isEqualTo("MISSING");
        assertThat(api.post("/api/v1/decisions", promotionAt("p-nobody", Instant.now())).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/authorizations", authorization("a-x", "p-nobody", true)).status())
                .isEqualTo(422);
    }
}
