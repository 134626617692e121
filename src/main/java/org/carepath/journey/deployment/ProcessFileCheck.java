package org.carepath.journey.deployment;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.ModelException;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks a BPMN file without an engine, for {@code processes check}: well-formed XML, valid against the BPMN
 * schema (which also catches references to elements that do not exist), and a history time to live on every
 * executable process, which the engine requires. The engine checks more when it deploys (expressions,
 * Camunda extension rules): the server's status is the last word.
 */
public final class ProcessFileCheck {

    private static final Pattern LOCATED = Pattern.compile("Line=(\\d+): (.*)", Pattern.DOTALL);

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
            return List.of(problem(file, e));
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

    /**
     * The model API's error handler turns the XML parser's findings into a plain {@link SAXException} whose
     * message carries the line ({@code Error: URI=null Line=12: cvc-id.1: ...}) but not the column.
     */
    private static ProcessProblem problem(ProcessFile file, ModelException failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SAXParseException sax) {
                return new ProcessProblem(file.name(), Math.max(sax.getLineNumber(), 0),
                        Math.max(sax.getColumnNumber(), 0), null, sax.getMessage());
            }
            if (t instanceof SAXException sax && sax.getMessage() != null) {
                Matcher located = LOCATED.matcher(sax.getMessage());
                if (located.find()) {
                    return new ProcessProblem(file.name(), Integer.parseInt(located.group(1)), 0, null,
                            located.group(2).strip());
                }
            }
        }
        return new ProcessProblem(file.name(), 0, 0, null, failure.getMessage());
    }
}
