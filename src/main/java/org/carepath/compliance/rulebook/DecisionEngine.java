package org.carepath.compliance.rulebook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.carepath.compliance.Authorization;
import org.carepath.compliance.AuthorizationAnswer;
import org.carepath.compliance.AuthorizationDefect;
import org.carepath.compliance.AuthorizationRequirement;
import org.carepath.compliance.Classification;
import org.carepath.compliance.DecisionFacts;
import org.carepath.compliance.Defect;
import org.carepath.compliance.Delivery;
import org.carepath.compliance.Evaluation;
import org.carepath.compliance.Outcome;
import org.carepath.compliance.Reason;
import org.carepath.compliance.RemunerationStatementRequired;
import org.carepath.compliance.Verdict;
import org.kie.api.runtime.KieSession;

/**
 * Runs the rules over one set of facts and reads their results back. It inserts facts and collects
 * result facts; every judgement is the rules'. What it does check is that the rules answered each question
 * exactly once, so that a hole in a local policy file fails loudly instead of sending on a guess.
 */
public final class DecisionEngine {

    /** A rule book that needs more firings than this for one message is looping. */
    static final int MAX_FIRINGS = 10_000;

    private static final List<String> PHASES = List.of("marketing/", "authorization/", "outcome/", "delivery/");

    private DecisionEngine() {
    }

    public static Evaluation evaluate(RuleSet rules, DecisionFacts facts) {
        Objects.requireNonNull(facts.communication(), "communication");
        return rules.withSession(session -> {
            session.insert(facts.patient());
            facts.authorizations().forEach(session::insert);
            session.insert(facts.communication());
            if (facts.recipient() != null) {
                session.insert(facts.recipient());
            }
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                throw new RuleBookConflictException("the rules did not settle after " + MAX_FIRINGS
                        + " firings: a rule keeps triggering itself");
            }
            return read(rules.version(), session, facts.recipient() != null);
        });
    }

    /**
     * The defects the rules find in an authorization on its own, as the registry records it. A missing
     * remuneration statement depends on the message, so it is found only when a decision needs one.
     */
    public static List<Defect> defects(RuleSet rules, Authorization authorization) {
        return rules.withSession(session -> {
            session.insert(authorization);
            session.fireAllRules(MAX_FIRINGS);
            List<Defect> found = new ArrayList<>();
            for (Object fact : session.getObjects()) {
                if (fact instanceof AuthorizationDefect d) {
                    found.add(d.defect());
                }
            }
            return found.stream().distinct().sorted().toList();
        });
    }

    private static Evaluation read(String version, KieSession session, boolean recipientGiven) {
        Results r = new Results();
        for (Object fact : session.getObjects()) {
            if (fact instanceof Classification c) {
                r.classifications.add(c);
            } else if (fact instanceof AuthorizationRequirement a) {
                r.requirements.add(a);
            } else if (fact instanceof AuthorizationAnswer a) {
                r.answers.add(a);
            } else if (fact instanceof AuthorizationDefect d) {
                r.defects.add(d);
            } else if (fact instanceof RemunerationStatementRequired) {
                r.remunerationStatement = true;
            } else if (fact instanceof Outcome o) {
                r.outcomes.add(o);
            } else if (fact instanceof Delivery d) {
                r.deliveries.add(d);
            } else if (fact instanceof Reason reason) {
                r.reasons.add(reason);
            }
        }
        Classification classification = exactlyOne(r.classifications, "classification", Classification::toString);
        AuthorizationRequirement requirement = exactlyOne(r.requirements, "authorization requirement",
                AuthorizationRequirement::toString);
        // an answer names an authorization, whose fields are PHI: only its status may appear in a message
        AuthorizationAnswer answer = exactlyOne(r.answers.stream().distinct().toList(), "authorization status",
                a -> a.status().name());
        Outcome outcome = exactlyOne(r.outcomes, "outcome", Outcome::toString);
        Delivery delivery = null;
        if (outcome.verdict() == Verdict.SEND && recipientGiven) {
            delivery = exactlyOne(r.deliveries, "delivery path", Delivery::toString);
        } else if (!r.deliveries.isEmpty()) {
            throw new RuleBookConflictException("the rules chose a delivery path for a message that is not sent");
        }
        List<Defect> defects = answer.authorization() == null ? List.of() : r.defects.stream()
                .filter(d -> d.authorization().equals(answer.authorization()))
                .map(AuthorizationDefect::defect).distinct().sorted().toList();
        r.reasons.sort(Comparator.comparingInt((Reason reason) -> phase(reason.rule())).thenComparing(Reason::rule));
        return new Evaluation(version, classification.kind(), classification.exception(), requirement.exception(),
                requirement.required(), r.remunerationStatement, answer.status(),
                answer.authorization() == null ? null : answer.authorization().id(), defects, outcome.verdict(),
                delivery == null ? null : delivery.path(), List.copyOf(r.reasons));
    }

    private static int phase(String rule) {
        for (int i = 0; i < PHASES.size(); i++) {
            if (rule.startsWith(PHASES.get(i))) {
                return i;
            }
        }
        return PHASES.size();
    }

    private static <T> T exactlyOne(List<T> found, String question, Function<T, String> describe) {
        if (found.size() != 1) {
            throw new RuleBookConflictException(found.isEmpty()
                    ? "the rules gave no " + question
                    : "the rules gave " + found.size() + " answers for the " + question + ": "
                    + found.stream().map(describe).toList());
        }
        return found.get(0);
    }

    private static final class Results {
        final List<Classification> classifications = new ArrayList<>();
        final List<AuthorizationRequirement> requirements = new ArrayList<>();
        final List<AuthorizationAnswer> answers = new ArrayList<>();
        final List<AuthorizationDefect> defects = new ArrayList<>();
        final List<Outcome> outcomes = new ArrayList<>();
        final List<Delivery> deliveries = new ArrayList<>();
        final List<Reason> reasons = new ArrayList<>();
        boolean remunerationStatement;
    }
}
