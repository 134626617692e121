package org.carepath.journey.delegate;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.carepath.patient.Appointment;
import org.carepath.patient.ClinicalReferences;
import org.carepath.patient.CodedItem;
import org.carepath.patient.Medication;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A message's template variables, read from the registry at the moment the message is queued. They are PHI and
 * live only in the outbox's encrypted payload, never in process variables: {@code patientName} (the first name),
 * {@code organisation}, {@code organisationPhone} (when configured), and for the step's {@code appointmentId}
 * {@code appointmentDate}, {@code appointmentTime} and {@code appointmentType}; for {@code careGapRef}
 * {@code careGap}; for {@code medicationRef} {@code medication} (references: see {@link ClinicalReferences}).
 */
@Component
class MessageVariables {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final PatientRegistry patients;
    private final ClinicalReferences references;
    private final String organisation;
    private final String organisationPhone;
    private final ZoneId zone;

    MessageVariables(PatientRegistry patients, ClinicalReferences references, @Value("${carepath.delivery.organisation}") String organisation,
                     @Value("${carepath.delivery.organisation-phone:}") String organisationPhone,
                     @Value("${carepath.journeys.time-zone:UTC}") ZoneId zone) {
        this.patients = patients;
        this.references = references;
        this.organisation = organisation;
        this.organisationPhone = organisationPhone;
        this.zone = zone;
    }

    Map<String, Object> of(String patientId, VariableScope execution) {
        PatientDetails patient = patients.find(patientId)
                .orElseThrow(() -> new IllegalStateException("no patient with that id"));
        Map<String, Object> variables = new HashMap<>();
        variables.put("patientName", firstName(patient.name()));
        variables.put("organisation", organisation);
        if (!organisationPhone.isBlank()) {
            variables.put("organisationPhone", organisationPhone);
        }
        String appointmentId = Inputs.string(execution, "appointmentId");
        if (appointmentId != null) {
            Appointment appointment = patient.clinical().appointments().stream()
                    .filter(a -> appointmentId.equals(a.id())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the appointment is not on the patient's file"));
            ZonedDateTime start = appointment.start().atZone(zone);
            variables.put("appointmentDate", DATE.format(start));
            variables.put("appointmentTime", TIME.format(start));
            if (appointment.type() != null) {
                variables.put("appointmentType", appointment.type());
            }
        }
        String careGapRef = Inputs.string(execution, "careGapRef");
        if (careGapRef != null) {
            variables.put("careGap", references.careGapOf(patient, careGapRef).map(CodedItem::display)
                    .orElseThrow(() -> new IllegalStateException("the care gap is not on the patient's file")));
        }
        String medicationRef = Inputs.string(execution, "medicationRef");
        if (medicationRef != null) {
            variables.put("medication", references.medicationOf(patient, medicationRef).map(Medication::display)
                    .orElseThrow(() -> new IllegalStateException("the medication is not on the patient's file")));
        }
        return variables;
    }

    private static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return "patient";
        }
        return name.strip().split("\\s+")[0];
    }
}
