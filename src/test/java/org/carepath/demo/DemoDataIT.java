package org.carepath.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.carepath.ServerTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The embedded default comes with demo patients whose authorizations show every state the rules know. */
class DemoDataIT extends ServerTest {

    @ParameterizedTest
    @CsvSource({
        "demo-01, ,                      DEMOGRAPHICS, VALID,        SEND",
        "demo-02, statin-adherence-2026, DEMOGRAPHICS, VALID,        SEND",
        "demo-02, flu-2026,              DEMOGRAPHICS, OUT_OF_SCOPE, BLOCK",
        "demo-03, ,                      DEMOGRAPHICS, EXPIRED,      BLOCK",
        "demo-04, ,                      DEMOGRAPHICS, REVOKED,      BLOCK",
        "demo-05, ,                      DEMOGRAPHICS, DEFECTIVE,    BLOCK",
        "demo-06, ,                      CONDITIONS,   OUT_OF_SCOPE, BLOCK",
        "demo-07, ,                      DEMOGRAPHICS, MISSING,      BLOCK"})
    void demoAuthorizationsCoverEveryState(String patient, String campaign, String phi, String status,
                                           String outcome) {
        String sponsor = campaign == null ? "" : ", \"sponsor\": \"Acme Pharma\"";
        var decision = http().bearer(API_KEY).post("/api/v1/decisions", """
                { "patientId": "%s", "communication": { "purpose": "PROMOTION", "sendAt": "2026-12-04T15:00:00Z",
                  "campaignId": %s, "phiUsed": ["%s"] %s } }""".formatted(patient,
                campaign == null ? "null" : "\"" + campaign + "\"", phi, sponsor));
        assertThat(decision.status()).as(decision.body()).isEqualTo(200);
        assertThat(decision.json().get("authorization").get("status").asText()).isEqualTo(status);
        assertThat(decision.json().get("outcome").asText()).isEqualTo(outcome);
    }
}
