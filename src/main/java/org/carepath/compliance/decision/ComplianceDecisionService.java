package org.carepath.compliance.decision;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.carepath.compliance.DecisionFacts;
import org.carepath.compliance.Evaluation;
import org.carepath.compliance.PatientFactsSource;
import org.carepath.compliance.rulebook.DecisionEngine;
import org.carepath.compliance.rulebook.RuleBook;
import org.carepath.compliance.rulebook.RuleSet;
import org.springframework.stereotype.Service;

/**
 * Makes a decision on the rules in force, stores it, and answers it. (Named apart from Camunda's DMN
 * {@code decisionService} bean.)
 */
@Service
public class ComplianceDecisionService {

    private final RuleBook ruleBook;
    private final DecisionJournal journal;
    private final PatientFactsSource registry;
    private final Clock clock;

    ComplianceDecisionService(RuleBook ruleBook, DecisionJournal journal, PatientFactsSource registry,
                    Optional<Clock> clock) {
        this.ruleBook = ruleBook;
        this.journal = journal;
        this.registry = registry;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public DecisionResponse decide(DecisionRequest request) {
        String problem = RequestValidation.problem(request);
        if (problem != null) {
            throw new InvalidDecisionRequestException(problem);
        }
        Instant now = clock.instant();
        DecisionFacts facts = factsFor(request).sendingAtIfUnset(now);
        RuleSet rules = ruleBook.current();
        Evaluation evaluation = DecisionEngine.evaluate(rules, facts);
        DecisionResponse response = DecisionResponse.of("d-" + UUID.randomUUID(), now, evaluation);
        journal.record(facts, response);
        return response;
    }

    public Optional<StoredDecision> find(String decisionId) {
        return journal.find(decisionId);
    }

    private DecisionFacts factsFor(DecisionRequest request) {
        if (!request.fromRegistry()) {
            return request.facts();
        }
        PatientFactsSource.PatientFacts found = registry.find(request.patientId())
                .orElseThrow(() -> new UnknownPatientException("no patient with that id"));
        var authorizations = request.authorizations() != null ? request.authorizations() : found.authorizations();
        return new DecisionFacts(found.patient(), authorizations, request.communication(), request.recipient());
    }
}
