package org.carepath.journey.interrupt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ExecutionQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.carepath.engagement.Engaged;
import org.carepath.engagement.PatientWithdrew;
import org.carepath.journey.delegate.WaitForEngagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries what happened to a patient into their running journeys. Both run after the change that caused them
 * commits (a revocation rolled back stops nothing), or at once when there was no transaction, and each in a
 * transaction of its own: in the after-commit phase the caller's transaction is over but still bound.
 *
 * <ul>
 * <li>{@link PatientWithdrew}: BPMN message {@value #WITHDREW} to every journey of the patient that the
 * reason ends ({@link WithdrawalScope}; each shipped journey has an interrupting event subprocess for it), with
 * variable {@code withdrawalReason}.
 * <li>{@link Engaged}: signals the executions of the patient (and of the journey, when named) waiting in
 * {@code waitForEngagement} for this kind of engagement.
 * </ul>
 * A failure is logged (ids and counts only) and not passed to the caller, whose change is already committed;
 * for a withdrawal the delivery worker's last-moment decision still stands behind it.
 */
@Component
class JourneyInterrupts {

    static final String WITHDREW = "carepath.patient-withdrew";
    private static final Logger log = LoggerFactory.getLogger(JourneyInterrupts.class);
    private static final int TRIES = 3;

    private final RuntimeService runtime;
    private final WithdrawalScope scope;
    private final TransactionTemplate ownTransaction;

    JourneyInterrupts(RuntimeService runtime, WithdrawalScope scope, PlatformTransactionManager transactions) {
        this.runtime = runtime;
        this.scope = scope;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void withdrew(PatientWithdrew event) {
        int stopped = 0;
        for (ProcessInstance journey : runtime.createProcessInstanceQuery()
                .variableValueEquals("patientId", event.patientId()).list()) {
            if (!scope.ends(journey.getProcessDefinitionId(), event.reason())) {
                continue;
            }
            try {
                stopped += retried(() -> runtime.createMessageCorrelation(WITHDREW)
                        .processInstanceId(journey.getId())
                        .setVariable("withdrawalReason", event.reason().name())
                        .correlateAllWithResult()).size();
            } catch (ProcessEngineException e) {
                log.error("A patient withdrew ({}) but journey {} could not be interrupted: {}", event.reason(),
                        journey.getId(), e.getClass().getSimpleName());
            }
        }
        log.info("A patient withdrew ({}): {} journey(s) interrupted", event.reason(), stopped);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void engaged(Engaged event) {
        for (Execution waiting : waitingFor(event)) {
            try {
                retried(() -> {
                    runtime.signal(waiting.getId(), event.kind().name(), event.kind().name(), null);
                    return null;
                });
            } catch (ProcessEngineException e) {
                // the execution may have moved on meanwhile (its timer fired, the journey ended)
                log.warn("Engagement {} could not continue journey {}: {}", event.kind(),
                        waiting.getProcessInstanceId(), e.getClass().getSimpleName());
            }
        }
    }

    private List<Execution> waitingFor(Engaged event) {
        Set<String> satisfied = new LinkedHashSet<>(List.of(WaitForEngagement.ANY, event.kind().name()));
        if (event.kind() != Engaged.Kind.OPENED) {
            satisfied.add(Engaged.Kind.OPENED.name()); // a click or a reply means the message was opened
        }
        List<Execution> waiting = new ArrayList<>();
        for (String kind : satisfied) {
            ExecutionQuery query = runtime.createExecutionQuery()
                    .processVariableValueEquals("patientId", event.patientId())
                    .variableValueEquals(WaitForEngagement.AWAITING, kind);
            if (event.journeyInstanceId() != null) {
                query.processInstanceId(event.journeyInstanceId());
            }
            waiting.addAll(query.list());
        }
        return waiting;
    }

    /** Runs in a transaction of its own, again when a concurrent change to the same journey got there first. */
    private <T> T retried(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ownTransaction.execute(tx -> work.get());
            } catch (OptimisticLockingException e) {
                if (attempt == TRIES) {
                    throw e;
                }
            }
        }
    }
}
