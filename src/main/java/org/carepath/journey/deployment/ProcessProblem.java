package org.carepath.journey.deployment;

/**
 * Why a file of the processes folder was not deployed, where the parser says it is (line and column 0: it
 * could not tell). File names and parser messages name elements and attributes, never patient data.
 */
public record ProcessProblem(String file, int line, int column, String elementId, String message) {

    /** {@code file:line:column: message}, the form editors and CI logs link to. */
    public String describe() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
