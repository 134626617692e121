package org.carepath.compliance.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.carepath.ServerTest;
import org.carepath.TestHttp;
import org.junit.jupiter.api.Test;

class DecisionApiIT extends ServerTest {

    private static final String PROMOTION_WITH_AUTHORIZATION = """
            {
              "patient": { "id": "p-9931", "marketingOptOut": false },
              "authorizations": [ {
                "id": "a-77", "patientId": "p-9931",
                "signedAt": "2026-01-10T09:00:00Z", "signature": "Jane Doe",
                "information": ["DEMOGRAPHICS", "CONDITIONS"],
                "disclosers": ["Riverside Clinic"], "recipients": ["Riverside Clinic", "Acme Pharma"],
                "purposes": ["PROMOTION"], "campaignIds": ["statin-adherence-2026"], "sponsors": ["Acme Pharma"],
                "expiresAt": "2027-01-10T00:00:00Z",
                "statements": { "revocationRight": true, "conditioning": true, "redisclosure": true, "remuneration": true },
                "plainLanguage": true
              } ],
              "communication": {
                "campaignId": "statin-adherence-2026", "sendAt": "2026-12-04T15:00:00Z", "purpose": "PROMOTION",
                "sponsor": "Acme Pharma", "remuneration": "EXCEEDS_COST", "phiUsed": ["DEMOGRAPHICS", "CONDITIONS"]
              },
              "recipient": { "email": "jane.roe@example.org", "smime": { "certificate": true, "valid": true } }
            }""";

    @Test
    void decisionRoundTripsAndIsStoredEncrypted() {
        var api = http().bearer(API_KEY);
        var made = api.post("/api/v1/decisions", PROMOTION_WITH_AUTHORIZATION);
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        var decision = made.json();
        assertThat(decision.get("classification").asText()).isEqualTo("MARKETING");
        assertThat(decision.get("authorizationRequired").asBoolean()).isTrue();
        assertThat(decision.get("remunerationStatementRequired").asBoolean()).isTrue();
        assertThat(decision.get("authorization").get("status").asText()).isEqualTo("VALID");
        assertThat(decision.get("authorization").get("id").asText()).isEqualTo("a-77");
        assertThat(decision.get("outcome").asText()).isEqualTo("SEND");
        assertThat(decision.get("deliveryPath").asText()).isEqualTo("SMIME");
        assertThat(decision.get("rulesVersion").asText()).startsWith("sha256:");
        assertThat(decision.get("reasons").findValuesAsText("rule")).contains("marketing/promotion",
                "authorization/valid", "delivery/smime");

        String id = decision.get("decisionId").asText();
        var stored = api.get("/api/v1/decisions/" + id);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().get("response")).isEqualTo(decision);
        assertThat(stored.json().get("facts").get("recipient").get("email").asText())
                .isEqualTo("jane.roe@example.org");
        assertThat(stored.json().get("rulesFired").toString()).contains("delivery/smime");
        var reads = api.get("/api/v1/patients/p-9931/phi-access").json();
        assertThat(reads.findValuesAsText("action")).containsExactly("read decision " + id);

        byte[] raw = jdbc.queryForObject("select request_ciphertext || response_ciphertext from carepath.decision"
                + " where id = ?", byte[].class, id);
        String asText = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain("jane.roe", "p-9931", "Jane Doe", "CONDITIONS");
        assertThat(jdbc.queryForObject("select rules_version from carepath.decision where id = ?", String.class, id))
                .isEqualTo(decision.get("rulesVersion").asText());
    }

    @Test
    void concurrentDecisionsAreEachStoredOnceBeforeTheyAreAnswered() throws Exception {
        var api = http().bearer(API_KEY);
        var pool = Executors.newFixedThreadPool(16);
        try {
            Callable<TestHttp.Reply> decide = () -> api.post("/api/v1/decisions",
                    "{\"communication\":{\"purpose\":\"HEALTH_EDUCATION\",\"campaignId\":\"flu-2026\"}}");
            var answers = pool.invokeAll(Collections.nCopies(200, decide));
            List<String> ids = new ArrayList<>();
            for (var answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
                ids.add(answer.get().json().get("decisionId").asText());
            }
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(jdbc.queryForObject("select count(*) from carepath.decision where id = any(?)",
                    Integer.class, (Object) ids.toArray(String[]::new))).isEqualTo(200);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sendAtDefaultsToTheMomentOfTheDecision() {
        var made = http().bearer(API_KEY).post("/api/v1/decisions",
                "{\"communication\":{\"purpose\":\"APPOINTMENT_REMINDER\"}}");
        assertThat(made.status()).isEqualTo(200);
        var stored = http().bearer(API_KEY).get("/api/v1/decisions/" + made.json().get("decisionId").asText());
        assertThat(stored.json().get("facts").get("communication").get("sendAt").asText())
                .isEqualTo(made.json().get("decidedAt").asText());
    }

    @Test
    void malformedJsonIsA400WithItsPosition() {
        var reply = http().bearer(API_KEY).post("/api/v1/decisions", "{\n  \"communication\": {\"purpose\": }\n}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).startsWith("malformed JSON at line 2");
    }

    @Test
    void truncatedJsonIsA400() {
        var reply = http().bearer(API_KEY).post("/api/v1/decisions", "{\"communication\": {\"purpose\":");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).startsWith("malformed JSON");
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheChoices() {
        var reply = http().bearer(API_KEY).post("/api/v1/decisions",
                "{\"communication\":{\"purpose\":\"PROMOTION\",\"remuneration\":\"LOTS\"}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText())
                .isEqualTo("communication.remuneration: unknown value 'LOTS'; expected one of NONE, COST_RELATED, "
                        + "EXCEEDS_COST, NON_FINANCIAL, UNKNOWN");
    }

    @Test
    void misspeltFieldIsRefusedNotIgnored() {
        var reply = http().bearer(API_KEY).post("/api/v1/decisions",
                "{\"communication\":{\"purpose\":\"PROMOTION\",\"remuneraton\":\"NONE\"}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).isEqualTo("communication.remuneraton: unknown field");
    }

    @Test
    void missingPurposeIsNamed() {
        var reply = http().bearer(API_KEY).post("/api/v1/decisions", "{\"communication\":{}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).isEqualTo("communication.purpose is required");
        assertThat(http().bearer(API_KEY).post("/api/v1/decisions", "{}").json().get("detail").asText())
                .isEqualTo("communication is required");
    }

    @Test
    void invalidValuesAreNamedButNeverEchoed() {
        var reply = http().bearer(API_KEY).post("/api/v1/decisions",
                "{\"patient\":{\"id\":\"p-1\",\"unencryptedEmailConsent\":{\"confirmedAt\":\"1961-04-12\"}},"
                        + "\"communication\":{\"purpose\":\"TREATMENT\"}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText())
                .isEqualTo("patient.unencryptedEmailConsent.confirmedAt: not a valid Instant");
        assertThat(reply.body()).doesNotContain("1961");
    }

    @Test
    void decisionForAPatientTheRegistryDoesNotKnowIsA422() {
        var reply = http().bearer(API_KEY).post("/api/v1/decisions",
                "{\"patientId\":\"p-unknown\",\"communication\":{\"purpose\":\"TREATMENT\"}}");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("detail").asText()).isEqualTo("no patient with that id");
    }

    @Test
    void unknownDecisionIsA404() {
        assertThat(http().bearer(API_KEY).get("/api/v1/decisions/d-nope").status()).isEqualTo(404);
    }

    @Test
    void openApiDescribesTheDecisionApi() {
        var docs = http().bearer(API_KEY).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/decisions")).isTrue();
    }
}
