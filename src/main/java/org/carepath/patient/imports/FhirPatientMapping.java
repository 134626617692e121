package org.carepath.patient.imports;

import java.util.Objects;

import org.carepath.patient.PatientDetails;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Patient → what carepath knows of a person. The id is the Patient's logical id ({@code Patient.id}), not
 * one of its identifiers: the other resources of the bundle reference the patient by it
 * ({@code Patient/123}), while an identifier (an MRN) is itself one of HIPAA's 18 identifiers and would end
 * up in ids, logs and error lists.
 */
final class FhirPatientMapping {

    private FhirPatientMapping() {
    }

    /** The demographics only: clinical facts and preferences are merged in by {@link ImportedPatient}. */
    static PatientDetails demographics(Patient patient) {
        String id = patient.getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            throw new RejectedRecord("Patient has no id");
        }
        if (!FhirResources.isId(id)) {
            throw new RejectedRecord("Patient id is not a FHIR id (A-Z, a-z, 0-9, '-', '.'; at most 64)");
        }
        return new PatientDetails(id, name(patient), email(patient),
                FhirDates.day(patient.getBirthDateElement(), "birthDate"),
                patient.hasGender() ? patient.getGender().toCode() : null, postalCode(patient), null, false, null);
    }

    private static String name(Patient patient) {
        if (!patient.hasName()) {
            return null;
        }
        HumanName name = patient.getNameFirstRep();
        if (name.hasText()) {
            return name.getText();
        }
        String given = String.join(" ", name.getGiven().stream().map(StringType::getValue)
                .filter(Objects::nonNull).toList()).strip();
        String family = name.hasFamily() ? name.getFamily() : "";
        String whole = (given + " " + family).strip();
        return whole.isEmpty() ? null : whole;
    }

    private static String email(Patient patient) {
        return patient.getTelecom().stream()
                .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.EMAIL && t.hasValue())
                .map(ContactPoint::getValue).findFirst().orElse(null);
    }

    private static String postalCode(Patient patient) {
        return patient.getAddress().stream().filter(Address::hasPostalCode).map(Address::getPostalCode)
                .findFirst().orElse(null);
    }
}
