package org.carepath.patient.imports;

import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Reading FHIR codes into carepath's coded items. */
final class CodedConcepts {

    private CodedConcepts() {
    }

    /** The first coding of the concept, as the resource's primary code; none is a refused record. */
    static Coding firstCoding(CodeableConcept concept, String element) {
        if (concept == null || !concept.hasCoding() || !concept.getCodingFirstRep().hasCode()) {
            throw new RejectedRecord(element + " has no coding");
        }
        return concept.getCodingFirstRep();
    }

    static boolean hasCode(CodeableConcept concept, String code) {
        return concept != null && concept.getCoding().stream().anyMatch(c -> code.equals(c.getCode()));
    }

    static boolean anyCodeIgnoringCase(List<Coding> codings, List<String> codes) {
        return codings.stream().anyMatch(c -> c.hasCode() && codes.stream().anyMatch(c.getCode()::equalsIgnoreCase));
    }

    /** The concept's text, or its first code: appointments are typed either way in practice. */
    static String textOrCode(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return null;
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst().orElse(null);
    }
}
