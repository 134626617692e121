package org.carepath.journey.deployment;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.xml.sax.SAXParseException;

/**
 * Turns what the engine throws at a deployment into problems with line and column. A file the engine could
 * parse but finds wrong gives a {@link ParseException} with a report per resource; a file that is not even
 * well-formed XML gives an exception caused by the XML parser's {@link SAXParseException}, which knows the
 * position too.
 */
final class DeploymentProblems {

    private DeploymentProblems() {
    }

    static List<ProcessProblem> of(String file, RuntimeException failure) {
        List<ProcessProblem> problems = new ArrayList<>();
        if (failure instanceof ParseException parse) {
            // sic: the engine's accessor is spelt getResorceReports
            for (ResourceReport report : parse.getResorceReports()) {
                for (Problem problem : report.getErrors()) {
                    problems.add(new ProcessProblem(file, Math.max(problem.getLine(), 0),
                            Math.max(problem.getColumn(), 0), problem.getMainElementId(), problem.getMessage()));
                }
            }
        }
        if (problems.isEmpty()) {
            SAXParseException xml = xmlCause(failure);
            if (xml != null) {
                problems.add(new ProcessProblem(file, Math.max(xml.getLineNumber(), 0),
                        Math.max(xml.getColumnNumber(), 0), null, "not well-formed XML: " + xml.getMessage()));
            } else {
                problems.add(new ProcessProblem(file, 0, 0, null, failure.getMessage()));
            }
        }
        return problems;
    }

    private static SAXParseException xmlCause(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SAXParseException sax) {
                return sax;
            }
        }
        return null;
    }
}
