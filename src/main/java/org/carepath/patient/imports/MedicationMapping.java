package org.carepath.patient.imports;

import java.time.LocalDate;

import org.carepath.patient.Medication;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;

/**
 * MedicationRequest → a prescription, for refill reminders. A stopped or completed one is kept, inactive,
 * with the day its prescription stopped being valid ({@code dispenseRequest.validityPeriod.end}): that is
 * when a refill lapsed.
 */
final class MedicationMapping {

    private MedicationMapping() {
    }

    static Medication item(MedicationRequest request) {
        MedicationRequestStatus status = request.getStatus();
        if (status == MedicationRequestStatus.ENTEREDINERROR) {
            throw new SkippedRecord("medication request entered in error");
        }
        if (!request.hasMedicationCodeableConcept()) {
            // a Medication resource by reference would need resolving; hospitals mostly send the code inline
            throw new RejectedRecord("MedicationRequest.medication is not a medicationCodeableConcept");
        }
        Coding drug = CodedConcepts.firstCoding(request.getMedicationCodeableConcept(),
                "MedicationRequest.medicationCodeableConcept");
        boolean ended = status == MedicationRequestStatus.STOPPED || status == MedicationRequestStatus.COMPLETED;
        LocalDate lapsedSince = ended ? FhirDates.day(request.getDispenseRequest().getValidityPeriod().getEndElement(),
                "dispenseRequest.validityPeriod.end") : null;
        return new Medication(drug.getSystem(), drug.getCode(), drug.getDisplay(),
                status == MedicationRequestStatus.ACTIVE, lapsedSince);
    }
}
