package org.carepath.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * Starting a journey through carepath's API: the clinical code the caller names is checked against the registry
 * and becomes an opaque reference, so Camunda's tables (unencrypted) never hold it; a care event ends the
 * journeys waiting for it.
 */
class JourneyApiIT extends JourneyTest {

    @Test
    void aCareGapJourneyHoldsAReferenceNotTheCodeAndEndsWhenTheGapCloses() {
        TestPatient jo = patient("api-gap", null);
        var reply = http().bearer(API_KEY).post("/api/v1/journeys", """
                { "process": "care-gap-outreach", "patientId": "%s", "careGapCode": "%s",
                  "variables": { "followUpAfter": "P3D" } }""".formatted(jo.id(), COLON_SCREENING.code()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        String id = reply.json().get("journeyId").asText();
        ProcessInstance journey = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
        awaitWaitingAt(journey, "WaitEngagement");

        assertThat(runtime.getVariable(id, "careGapRef")).isEqualTo(references.careGap(COLON_SCREENING.code()));
        assertThat(runtime.getVariables(id)).doesNotContainKey("careGapCode");
        assertThat(jdbc.queryForList("select coalesce(text_, '') || coalesce(text2_, '') from public.act_ru_variable"
                + " where proc_inst_id_ = ?", String.class, id))
                .isNotEmpty().noneMatch(text -> text.contains("colorectal") || text.contains("Colorectal"));
        assertThat(outboxOf(journey)).hasSize(1);

        var closed = http().bearer(API_KEY).post("/api/v1/journeys/events", """
                { "event": "CARE_GAP_CLOSED", "patientId": "%s", "careGapCode": "%s" }"""
                .formatted(jo.id(), COLON_SCREENING.code()));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("journeysEnded").asInt()).isEqualTo(1);
        assertThat(journey).isEnded().hasPassed("EndGapClosed");
    }

    @Test
    void aRefillJourneyStartedThroughTheApiFindsThePrescriptionByItsReference() {
        TestPatient jo = patient("api-refill", null);
        var reply = http().bearer(API_KEY).post("/api/v1/journeys", """
                { "process": "refill-reminder", "patientId": "%s", "medicationCode": "%s" }"""
                .formatted(jo.id(), METFORMIN.code()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        ProcessInstance journey = runtime.createProcessInstanceQuery()
                .processInstanceId(reply.json().get("journeyId").asText()).singleResult();
        awaitEnded(journey);
        assertThat(journey).hasPassed("SendRefill");
        assertThat(outboxOf(journey)).hasSize(1);
    }

    @Test
    void theSameReferenceStartsOneJourney() {
        TestPatient jo = patient("api-reference", null);
        String request = """
                { "process": "refill-reminder", "patientId": "%s", "medicationCode": "%s",
                  "reference": "ehr-order-4711" }""".formatted(jo.id(), METFORMIN.code());
        var first = http().bearer(API_KEY).post("/api/v1/journeys", request);
        var again = http().bearer(API_KEY).post("/api/v1/journeys", request);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).as("a retried request starts nothing new").isEqualTo(200);
        assertThat(again.json().get("journeyId").asText()).isEqualTo(first.json().get("journeyId").asText());
        assertThat(history.createHistoricProcessInstanceQuery().variableValueEquals("patientId", jo.id()).count())
                .isEqualTo(1);
    }

    @Test
    void whatTheRegistryDoesNotKnowAndVariablesThatAreNotJourneySettingsAreRefused() {
        TestPatient jo = patient("api-refused", null);
        var api = http().bearer(API_KEY);
        var unknownVariable = api.post("/api/v1/journeys", """
                { "process": "care-gap-outreach", "patientId": "%s", "careGapCode": "%s",
                  "variables": { "diagnosis": "anything" } }""".formatted(jo.id(), COLON_SCREENING.code()));
        assertThat(unknownVariable.status()).isEqualTo(400);
        assertThat(unknownVariable.body()).contains("'diagnosis' is not a journey variable")
                .doesNotContain("anything");
        assertThat(api.post("/api/v1/journeys", """
                { "process": "care-gap-outreach", "patientId": "%s", "careGapCode": "flu-shot" }"""
                .formatted(jo.id())).body()).contains("the care gap is not on the patient's file");
        assertThat(api.post("/api/v1/journeys", """
                { "process": "no-such-journey", "patientId": "%s" }""".formatted(jo.id())).status())
                .isEqualTo(422);
        assertThat(api.post("/api/v1/journeys", """
                { "process": "refill-reminder", "patientId": "p-nobody" }""").status()).isEqualTo(422);
        assertThat(api.post("/api/v1/journeys/events", """
                { "event": "CARE_GAP_CLOSED", "patientId": "%s" }""".formatted(jo.id())).status()).isEqualTo(400);

        String complianceKey = api.post("/api/v1/api-keys",
                "{\"name\":\"journey-api compliance\",\"roles\":[\"COMPLIANCE\"]}").json().get("secret").asText();
        assertThat(http().bearer(complianceKey).post("/api/v1/journeys", "{}").status()).isEqualTo(403);
    }
}
