package org.carepath.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

class RefillReminderIT extends JourneyTest {

    @Test
    void aRefillReminderForAnActivePrescriptionIsSent() throws Exception {
        TestPatient jo = patient("refill", null);

        ProcessInstance journey = start("refill-reminder", Map.of("patientId", jo.id(),
                "medicationRef", references.medication(METFORMIN.code())));
        awaitEnded(journey);

        assertThat(journey).hasPassed("DecideRefill", "SendRefill", "EndSent");
        assertThat(variable(journey, "classification")).isEqualTo("NOT_MARKETING");
        assertThat(outboxOf(journey)).hasSize(1);
        awaitOutboxSettled(journey);
        assertThat(outboxOf(journey).get(0).get("status")).isEqualTo("SENT");
        MimeMessage[] mail = awaitMail(jo.email(), 1);
        assertThat(mail).hasSize(1);
        // no PHI in the process: ids and codes and the rules' answers only
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(journey.getId()).list())
                .allSatisfy(v -> assertThat(String.valueOf(v.getValue())).doesNotContain("Jo", "metformin", "@"));
    }

    @Test
    void aRefillReminderPaidAboveCostByASponsorIsMarketingAndBlockedWithoutAuthorization() {
        TestPatient jo = patient("refill-blocked", null);

        ProcessInstance journey = start("refill-reminder", Map.of("patientId", jo.id(),
                "medicationRef", references.medication(METFORMIN.code()), "sponsor", "Acme Pharma", "remuneration", "EXCEEDS_COST"));
        awaitEnded(journey);

        assertThat(journey).hasPassed("EndBlocked").hasNotPassed("SendRefill");
        assertThat(variable(journey, "decisionOutcome")).isEqualTo("BLOCK");
        assertThat(outboxOf(journey)).isEmpty();
    }
}
