package org.carepath.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Delegates take part in the engine's transaction: what a failed step queued is gone with it. */
class JourneyTransactionsIT extends JourneyTest {

    @Test
    void aStepRolledBackLeavesNoMessageInTheOutbox() {
        TestPatient jo = patient("tx-rollback", null);
        BpmnModelInstance failing = Bpmn.createExecutableProcess("send-then-fail").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Send").camundaDelegateExpression("${sendSecureMessage}")
                .camundaInputParameter("template", "refill-reminder")
                .camundaInputParameter("purpose", "REFILL_REMINDER")
                .serviceTask("Fail").camundaExpression("${noSuchBean.fails()}")
                .endEvent().done();
        Deployment deployment = repository.createDeployment().addModelInstance("send-then-fail.bpmn", failing)
                .deploy();
        try {
            assertThatThrownBy(() -> runtime.startProcessInstanceByKey("send-then-fail",
                    Map.of("patientId", jo.id(), "medicationRef", references.medication(METFORMIN.code()))));
            assertThat(jdbc.queryForObject("select count(*) from carepath.outbox_message where patient_id = ?",
                    Integer.class, jo.id())).isZero();
        } finally {
            repository.deleteDeployment(deployment.getId(), true, true);
        }
    }

    @Test
    void aRetriedStepQueuesNothingNew() {
        TestPatient jo = patient("tx-retry", null);
        BpmnModelInstance twice = Bpmn.createExecutableProcess("send-twice").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Send").camundaDelegateExpression("${sendSecureMessage}")
                .camundaInputParameter("template", "refill-reminder")
                .camundaInputParameter("purpose", "REFILL_REMINDER")
                .userTask("Hold")
                .endEvent().done();
        Deployment deployment = repository.createDeployment().addModelInstance("send-twice.bpmn", twice).deploy();
        try {
            var journey = runtime.startProcessInstanceByKey("send-twice",
                    Map.of("patientId", jo.id(), "medicationRef", references.medication(METFORMIN.code())));
            String first = (String) runtime.getVariable(journey.getId(), "messageId");
            // as a retried job would: run the same step of the same instance again
            runtime.createProcessInstanceModification(journey.getId()).startBeforeActivity("Send").execute();
            assertThat(runtime.getVariable(journey.getId(), "messageId")).isEqualTo(first);
            assertThat(jdbc.queryForObject("select count(*) from carepath.outbox_message where patient_id = ?",
                    Integer.class, jo.id())).isOne();
        } finally {
            repository.deleteDeployment(deployment.getId(), true, true);
        }
    }
}
