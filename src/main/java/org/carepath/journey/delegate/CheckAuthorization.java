package org.carepath.journey.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.carepath.compliance.Purpose;
import org.carepath.compliance.decision.ComplianceDecisionService;
import org.carepath.compliance.decision.DecisionRequest;
import org.carepath.compliance.decision.DecisionResponse;
import org.springframework.stereotype.Component;

/**
 * "Check authorization": whether an authorization on file covers this patient for this campaign, as the rules
 * see it now (a journaled decision without recipient facts). Inputs: {@code patientId}, {@code purpose}
 * (default PROMOTION), {@code sponsor}, {@code campaignId}, and the other communication facts. Output:
 * {@code authorizationStatus} (NOT_REQUIRED, VALID, MISSING, EXPIRED, REVOKED, DEFECTIVE, OUT_OF_SCOPE).
 */
@Component("checkAuthorization")
public class CheckAuthorization implements JavaDelegate {

    private final ComplianceDecisionService decisions;
    private final CommunicationFacts communication;

    CheckAuthorization(ComplianceDecisionService decisions, CommunicationFacts communication) {
        this.decisions = decisions;
        this.communication = communication;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Purpose purpose = Inputs.enumValue(execution, "purpose", Purpose.class);
        DecisionResponse decision = decisions.decide(new DecisionRequest(Inputs.required(execution, "patientId"),
                null, null, communication.of(execution, purpose == null ? Purpose.PROMOTION : purpose), null));
        execution.setVariable("authorizationStatus", decision.authorization().status().name());
    }
}
