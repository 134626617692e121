package org.carepath.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.carepath.compliance.Communication;
import org.carepath.compliance.PhiCategory;
import org.carepath.compliance.Purpose;
import org.carepath.compliance.Remuneration;
import org.carepath.compliance.Sensitivity;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.send.OutgoingMessage;

/**
 * {@code ${benchSendMessage}} in the campaign benchmark's journey: what a journey's send step does, reduced to
 * its database work: read the campaign's variables, queue one message in the outbox in the step's transaction.
 * Registered only in the benchmark's server (not a component: the real server never has it); the journeys
 * issue brings the real {@code sendSecureMessage}, and {@code bench campaign --process} runs its BPMN instead.
 */
class BenchSendMessage implements JavaDelegate {

    private final Outbox outbox;

    BenchSendMessage(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        String patientId = (String) execution.getVariable("patientId");
        String phiUsed = (String) execution.getVariable("phiUsed");
        List<PhiCategory> phi = phiUsed == null || phiUsed.isEmpty() ? List.of()
                : Arrays.stream(phiUsed.split(",")).map(PhiCategory::valueOf).toList();
        Communication communication = new Communication((String) execution.getVariable("campaignId"), null, null,
                Purpose.valueOf((String) execution.getVariable("purpose")),
                (Boolean) execution.getVariable("encouragesPurchaseOrUse"), (String) execution.getVariable("sponsor"),
                Remuneration.valueOf((String) execution.getVariable("remuneration")), null, false, false, phi,
                Sensitivity.valueOf((String) execution.getVariable("sensitivity")), null);
        OutgoingMessage message = new OutgoingMessage(patientId, "portal-notice", Map.of(), communication,
                execution.getProcessInstanceId(), execution.getCurrentActivityId());
        outbox.enqueue(execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId() + "/" + patientId,
                patientId, ContractJson.json().writeValueAsBytes(message));
    }
}
