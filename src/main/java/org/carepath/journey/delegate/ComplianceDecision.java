package org.carepath.journey.delegate;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.carepath.compliance.decision.ComplianceDecisionService;
import org.carepath.compliance.decision.DecisionRequest;
import org.carepath.compliance.decision.DecisionResponse;
import org.springframework.stereotype.Component;

/**
 * "Decide": asks the rules about the next message of this journey, with the patient's facts and authorizations
 * from the registry as they are now. Inputs: {@code patientId}, {@code purpose} (required),
 * {@code encouragesPurchaseOrUse}, {@code sponsor}, {@code remuneration}, {@code phiUsed}, {@code sensitivity},
 * {@code campaignId}. Outputs: {@code decisionOutcome} (SEND, BLOCK, REVIEW), {@code decisionId},
 * {@code deliveryPath}, {@code classification}. The decision is journaled; its id explains it later.
 */
@Component("complianceDecision")
public class ComplianceDecision implements JavaDelegate {

    private final ComplianceDecisionService decisions;
    private final CommunicationFacts communication;
    private final RecipientFacts recipients;

    ComplianceDecision(ComplianceDecisionService decisions, CommunicationFacts communication,
                       RecipientFacts recipients) {
        this.decisions = decisions;
        this.communication = communication;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String patientId = Inputs.required(execution, "patientId");
        Instant now = Instant.now();
        DecisionResponse decision = decisions.decide(new DecisionRequest(patientId, null, null,
                communication.of(execution).withSendAt(now), recipients.of(patientId, now)));
        execution.setVariable("decisionOutcome", decision.outcome().name());
        execution.setVariable("decisionId", decision.decisionId());
        execution.setVariable("deliveryPath", decision.deliveryPath() == null ? null : decision.deliveryPath().name());
        execution.setVariable("classification", decision.classification().name());
    }
}
