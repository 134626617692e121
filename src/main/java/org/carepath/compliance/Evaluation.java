package org.carepath.compliance;

import java.util.List;

/**
 * The rules' answer for one message, in the contract's words. {@code authorizationStatus} and friends are
 * flattened here; {@link org.carepath.compliance.decision.DecisionResponse} gives them the contract's shape.
 */
public record Evaluation(
        String rulesVersion,
        ClassificationKind classification,
        MarketingException exception,
        AuthorizationException authorizationException,
        boolean authorizationRequired,
        boolean remunerationStatementRequired,
        AuthorizationStatus authorizationStatus,
        String authorizationId,
        List<Defect> authorizationDefects,
        Verdict outcome,
        DeliveryPath deliveryPath,
        List<Reason> reasons) {
}
