package org.carepath.patient.imports;

/**
 * One record of an import cannot be taken; the others go on. The reason is fixed text chosen by carepath,
 * never a value from the record: reasons go back to the client and into logs, and values can be PHI.
 */
final class RejectedRecord extends RuntimeException {

    RejectedRecord(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
