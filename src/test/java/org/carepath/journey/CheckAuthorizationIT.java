package org.carepath.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "Check authorization" building block, in a one-step process as a designer would use it. */
class CheckAuthorizationIT extends JourneyTest {

    private Deployment check;

    @BeforeAll
    void deployCheck() {
        check = repository.createDeployment().addModelInstance("check-authorization.bpmn",
                Bpmn.createExecutableProcess("check-authorization").camundaHistoryTimeToLive(1).startEvent()
                        .serviceTask("Check").camundaDelegateExpression("${checkAuthorization}")
                        .userTask("Hold").endEvent().done()).deploy();
    }

    @AfterAll
    void removeCheck() {
        repository.deleteDeployment(check.getId(), true, true);
    }

    private Object statusOf(TestPatient patient, Map<String, Object> facts) {
        var variables = new java.util.HashMap<String, Object>(facts);
        variables.put("patientId", patient.id());
        var instance = runtime.startProcessInstanceByKey("check-authorization", variables);
        return runtime.getVariable(instance.getId(), "authorizationStatus");
    }

    @Test
    void answersTheStatusOfTheAuthorizationOnFile() {
        TestPatient signed = patient("check-valid", null);
        authorize(signed);
        TestPatient revoked = patient("check-revoked", null);
        authorizations.revoke(authorize(revoked), java.time.Instant.now(), "journey test");

        assertThat(statusOf(signed, Map.of())).isEqualTo("VALID");
        assertThat(statusOf(revoked, Map.of())).isEqualTo("REVOKED");
        assertThat(statusOf(patient("check-none", null), Map.of("campaignId", "c-1"))).isEqualTo("MISSING");
        assertThat(statusOf(signed, Map.of("purpose", "APPOINTMENT_REMINDER"))).isEqualTo("NOT_REQUIRED");
    }
}
