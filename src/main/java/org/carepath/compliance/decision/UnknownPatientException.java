package org.carepath.compliance.decision;

/** {@code patientId} names no patient the registry knows, or there is no registry to ask. */
public class UnknownPatientException extends RuntimeException {
    public UnknownPatientException(String message) {
        super(message);
    }
}
