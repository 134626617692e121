package org.carepath.compliance.decision;

/** The decision was made but could not be stored; it is not answered, so the caller may simply retry. */
public class JournalException extends RuntimeException {
    public JournalException(String message) {
        super(message);
    }
}
