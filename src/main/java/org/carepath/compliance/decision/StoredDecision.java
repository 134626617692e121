package org.carepath.compliance.decision;

import java.time.Instant;
import java.util.List;

import org.carepath.compliance.DecisionFacts;

/** A decision as the journal keeps it: the facts judged, the answer, and the rules that gave it. */
public record StoredDecision(String decisionId, Instant decidedAt, String rulesVersion, List<String> rulesFired,
                             DecisionFacts facts, DecisionResponse response) {
}
