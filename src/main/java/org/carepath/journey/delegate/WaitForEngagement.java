package org.carepath.journey.delegate;

import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.engine.impl.bpmn.behavior.AbstractBpmnActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.springframework.stereotype.Component;

/**
 * "Wait for the patient to engage": the journey waits here until the patient opens, clicks or replies (reported
 * as an {@code Engaged} event, which signals this execution), or until a timer on the task runs out. Input
 * {@code engagement}: what counts, ANY (default), OPENED, CLICKED or PORTAL_REPLY; a wait for OPENED is also
 * satisfied by a click or a reply. Output: process variable {@code engagement}, the kind that arrived. Give the
 * input on the task itself: otherwise a second wait would read an earlier wait's output as what it waits for.
 *
 * <p>Used through {@code camunda:delegateExpression="${waitForEngagement}"}: Camunda then uses this bean as the
 * task's behaviour and calls {@link #signal}. It is a singleton, so it keeps no state: what it waits for is a
 * local variable ({@value #AWAITING}) of the waiting execution, which is also how the signaller finds it.
 */
@Component("waitForEngagement")
public class WaitForEngagement extends AbstractBpmnActivityBehavior {

    /** The local variable of an execution waiting here: the engagement kind it waits for. */
    public static final String AWAITING = "awaitedEngagement";
    public static final String ANY = "ANY";
    private static final Set<String> KINDS = Set.of(ANY, "OPENED", "CLICKED", "PORTAL_REPLY");

    @Override
    public void execute(ActivityExecution execution) {
        String wanted = Inputs.string(execution, "engagement");
        wanted = wanted == null ? ANY : wanted.toUpperCase(Locale.ROOT);
        if (!KINDS.contains(wanted)) {
            throw new IllegalArgumentException("input 'engagement' must be one of " + KINDS);
        }
        execution.setVariableLocal(AWAITING, wanted);
        // no leave(): the execution waits for a signal (or a boundary timer takes it away)
    }

    @Override
    public void signal(ActivityExecution execution, String signalName, Object signalData) throws Exception {
        execution.removeVariableLocal(AWAITING);
        // the process instance's variable, not a local input mapping of the same name
        execution.getProcessInstance().setVariable("engagement", signalData != null ? signalData : signalName);
        leave(execution);
    }
}
