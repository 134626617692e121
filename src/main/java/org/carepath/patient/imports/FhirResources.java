package org.carepath.patient.imports;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** The FHIR resources an import understands, and what of a record may be repeated in answers and logs. */
final class FhirResources {

    static final Map<String, Class<? extends Resource>> SUPPORTED = Map.of("Patient", Patient.class,
            "Condition", Condition.class, "MedicationRequest", MedicationRequest.class,
            "Appointment", Appointment.class, "Consent", Consent.class);

    /** FHIR's own id grammar: no spaces, no '@', so neither a name nor an email can pass for an id. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** Resource type names as FHIR spells them; anything else in the field could be anything. */
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");

    private FhirResources() {
    }

    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The id if it may be shown (it follows FHIR's id grammar), otherwise null. */
    static String shownId(String id) {
        return isId(id) ? id : null;
    }

    /**
     * The resource type if it may be shown. Only the types FHIR R4 defines are shown: a client could put
     * a name in that field, and a name also starts with a capital letter.
     */
    static String shownType(String type, Set<String> knownTypes) {
        return type != null && TYPE.matcher(type).matches() && knownTypes.contains(type) ? type : null;
    }
}
