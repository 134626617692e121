package org.carepath.patient.imports;

/** A valid record carepath has no use for (a resolved condition, a consent about research). Fixed reason. */
final class SkippedRecord extends RuntimeException {

    SkippedRecord(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
