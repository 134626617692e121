package org.carepath.compliance.casetest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.carepath.compliance.Evaluation;
import org.carepath.compliance.Reason;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.compliance.decision.DecisionRequest;
import org.carepath.compliance.decision.DecisionResponse;
import org.carepath.compliance.decision.RequestValidation;
import org.carepath.compliance.rulebook.DecisionEngine;
import org.carepath.compliance.rulebook.RuleSet;

/** Runs rule test cases against a compiled rule set. */
public final class RuleCaseRunner {

    /** A case with no {@code sendAt} is judged at this moment, so that tests don't depend on today's date. */
    public static final Instant DEFAULT_SEND_AT = Instant.parse("2026-06-01T12:00:00Z");

    private RuleCaseRunner() {
    }

    /** The result of one case: what did not match, or why the case could not run, and the rules that fired. */
    public record Result(RuleCase ruleCase, List<ExpectationMatcher.Mismatch> mismatches, String error,
                         List<String> rulesFired) {

        public boolean passed() {
            return error == null && mismatches.isEmpty();
        }

        /** The failure as the officer reads it: the case, each field expected and actual, the rules that fired. */
        public String describe() {
            StringBuilder out = new StringBuilder("FAIL ").append(ruleCase.file()).append(": ")
                    .append(ruleCase.name()).append('\n');
            if (error != null) {
                out.append("  error: ").append(error).append('\n');
            }
            mismatches.forEach(m -> out.append("  ").append(m).append('\n'));
            if (!rulesFired.isEmpty()) {
                out.append("  rules fired: ").append(String.join(", ", rulesFired)).append('\n');
            }
            return out.toString();
        }
    }

    public static Result run(RuleSet rules, RuleCase ruleCase) {
        if (ruleCase.given() == null || ruleCase.expect() == null) {
            return new Result(ruleCase, List.of(), "a case needs 'given' and 'expect'", List.of());
        }
        DecisionRequest request;
        try {
            request = ContractJson.json().treeToValue(ruleCase.given(), DecisionRequest.class);
        } catch (JsonProcessingException e) {
            return new Result(ruleCase, List.of(), "given: " + RequestValidation.describe(e), List.of());
        }
        String invalid = RequestValidation.problem(request);
        if (invalid != null) {
            return new Result(ruleCase, List.of(), "given: " + invalid, List.of());
        }
        Evaluation evaluation;
        try {
            evaluation = DecisionEngine.evaluate(rules, request.facts().sendingAtIfUnset(DEFAULT_SEND_AT));
        } catch (RuntimeException e) {
            return new Result(ruleCase, List.of(), e.getMessage(), List.of());
        }
        JsonNode actual = ContractJson.json().valueToTree(DecisionResponse.of(null, null, evaluation));
        List<String> fired = evaluation.reasons().stream().map(Reason::rule).toList();
        return new Result(ruleCase, ExpectationMatcher.mismatches(ruleCase.expect(), actual), null, fired);
    }
}
