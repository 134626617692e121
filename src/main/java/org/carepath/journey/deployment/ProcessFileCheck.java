package org.carepath.journey.deployment;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.ModelException;
import org.xml.sax.SAXParseException;

/**
 * Checks a BPMN file without an engine, for {@code processes check}: well-formed XML, valid against the BPMN
 * schema (which also catches references to elements that do not exist), and a history time to live on every
 * executable process, which the engine requires. The engine checks more when it deploys (expressions,
 * Camunda extension rules): the server's status is the last word.
 */
public final class ProcessFileCheck {

    private ProcessFileCheck() {
    }

    public static List<ProcessProblem> check(ProcessFile file) {
        if (!file.name().toLowerCase(java.util.Locale.ROOT).endsWith(".bpmn")) {
            return List.of();
        }
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(file.content()));
        } catch (ModelException e) {
            SAXParseException xml = saxCause(e);
            return List.of(xml == null
                    ? new ProcessProblem(file.name(), 0, 0, null, e.getMessage())
                    : new ProcessProblem(file.name(), Math.max(xml.getLineNumber(), 0),
                            Math.max(xml.getColumnNumber(), 0), null, xml.getMessage()));
        }
        List<ProcessProblem> problems = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
                problems.add(new ProcessProblem(file.name(), 0, 0, process.getId(), "process '" + process.getId()
                        + "' has no camunda:historyTimeToLive (the engine refuses it)"));
            }
        }
        return problems;
    }

    private static SAXParseException saxCause(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SAXParseException sax) {
                return sax;
            }
        }
        return null;
    }
}
