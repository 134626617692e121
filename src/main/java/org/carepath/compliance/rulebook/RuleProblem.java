package org.carepath.compliance.rulebook;

/** A compile error in a rule file, with the file and line where Drools reports one (line 0: none). */
public record RuleProblem(String file, int line, int column, String message) {

    /** {@code file:line: message}, the form editors and CI logs link to. */
    public String describe() {
        return file + ":" + line + ": " + message;
    }
}
