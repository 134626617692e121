package org.carepath.patient.imports;

import org.carepath.patient.CodedItem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * Condition → a coded condition of the patient. Only conditions the patient has now count: clinicalStatus
 * {@code active}, or none given (many feeds leave it out for problem-list entries).
 */
final class ConditionMapping {

    private ConditionMapping() {
    }

    static CodedItem item(Condition condition) {
        if (CodedConcepts.hasCode(condition.getVerificationStatus(), "entered-in-error")) {
            throw new SkippedRecord("condition entered in error");
        }
        if (condition.hasClinicalStatus() && !CodedConcepts.hasCode(condition.getClinicalStatus(), "active")) {
            throw new SkippedRecord("condition not active");
        }
        Coding code = CodedConcepts.firstCoding(condition.getCode(), "Condition.code");
        return new CodedItem(code.getSystem(), code.getCode(), code.getDisplay());
    }
}
