package org.carepath.compliance.decision;

import java.time.Instant;
import java.util.List;

import org.carepath.compliance.AuthorizationException;
import org.carepath.compliance.AuthorizationStatus;
import org.carepath.compliance.ClassificationKind;
import org.carepath.compliance.Defect;
import org.carepath.compliance.DeliveryPath;
import org.carepath.compliance.Evaluation;
import org.carepath.compliance.MarketingException;
import org.carepath.compliance.Reason;
import org.carepath.compliance.Verdict;

/** The decision in the contract's shape (decision-contract.md, "Response"). */
public record DecisionResponse(
        String decisionId,
        Instant decidedAt,
        String rulesVersion,
        ClassificationKind classification,
        MarketingException exception,
        AuthorizationException authorizationException,
        boolean authorizationRequired,
        boolean remunerationStatementRequired,
        AuthorizationFinding authorization,
        Verdict outcome,
        DeliveryPath deliveryPath,
        List<Reason> reasons) {

    public record AuthorizationFinding(AuthorizationStatus status, String id, List<Defect> defects) {
    }

    public static DecisionResponse of(String decisionId, Instant decidedAt, Evaluation e) {
        return new DecisionResponse(decisionId, decidedAt, e.rulesVersion(), e.classification(), e.exception(),
                e.authorizationException(), e.authorizationRequired(), e.remunerationStatementRequired(),
                new AuthorizationFinding(e.authorizationStatus(), e.authorizationId(), e.authorizationDefects()),
                e.outcome(), e.deliveryPath(), e.reasons());
    }
}
