package org.carepath.patient.imports;

import java.time.Instant;

import org.carepath.patient.Appointment;

/** Appointment → an appointment of each patient taking part in it. */
final class AppointmentMapping {

    private AppointmentMapping() {
    }

    static Appointment item(org.hl7.fhir.r4.model.Appointment appointment) {
        if (appointment.getStatus() == org.hl7.fhir.r4.model.Appointment.AppointmentStatus.ENTEREDINERROR) {
            throw new SkippedRecord("appointment entered in error");
        }
        String id = appointment.getIdElement().getIdPart();
        Instant start = appointment.hasStart() ? appointment.getStart().toInstant() : null;
        String type = appointment.hasServiceType() ? CodedConcepts.textOrCode(appointment.getServiceTypeFirstRep())
                : CodedConcepts.textOrCode(appointment.getAppointmentType());
        String status = appointment.hasStatus() ? appointment.getStatus().toCode() : null;
        return new Appointment(id, start, type, status);
    }
}
