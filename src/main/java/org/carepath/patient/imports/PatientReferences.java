package org.carepath.patient.imports;

import java.util.HashMap;
import java.util.Map;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Which patient a resource is about. References are {@code Patient/{id}} (absolute URLs ending so work
 * too), or the {@code fullUrl} of a Patient entry of the same bundle ({@code urn:uuid:...}).
 */
final class PatientReferences {

    private final Map<String, String> idByFullUrl = new HashMap<>();

    void addPatient(String fullUrl, String id) {
        if (fullUrl != null) {
            idByFullUrl.put(fullUrl, id);
        }
    }

    /** The patient's id; the element names the field in the fixed reason when there is none. */
    String patientId(Reference reference, String element) {
        if (reference == null || !reference.hasReference()) {
            throw new RejectedRecord(element + " does not reference a patient");
        }
        String written = reference.getReference();
        String inBundle = idByFullUrl.get(written);
        if (inBundle != null) {
            return inBundle;
        }
        IdType target = new IdType(written);
        if (!"Patient".equals(target.getResourceType()) || !FhirResources.isId(target.getIdPart())) {
            throw new RejectedRecord(element + " is not a Patient/{id} reference");
        }
        return target.getIdPart();
    }

    /** Whether the reference is to a patient at all (an appointment's participants are also practitioners). */
    boolean isPatient(Reference reference) {
        return reference != null && reference.hasReference() && (idByFullUrl.containsKey(reference.getReference())
                || "Patient".equals(reference.getType())
                || "Patient".equals(new IdType(reference.getReference()).getResourceType()));
    }
}
