package org.carepath.compliance.decision;

/** A request that parsed but cannot be decided; the message names the field and never echoes a value. */
public class InvalidDecisionRequestException extends RuntimeException {
    public InvalidDecisionRequestException(String message) {
        super(message);
    }
}
