package org.carepath.compliance.rulebook;

/**
 * The rules gave no answer, or two, to a question that needs exactly one: a hole or an overlap in the rule
 * book, which its tests should have caught. The message names the question, never the facts.
 */
public class RuleBookConflictException extends RuntimeException {
    public RuleBookConflictException(String message) {
        super(message);
    }
}
