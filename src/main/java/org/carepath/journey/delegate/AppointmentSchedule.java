package org.carepath.journey.delegate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.carepath.patient.Appointment;
import org.carepath.patient.PatientRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * "Plan reminders": when the reminders for {@code appointmentId} are due, from the appointment on file. Inputs:
 * {@code patientId}, {@code appointmentId}, {@code firstReminderBefore} (default P7D), {@code secondReminderBefore}
 * (default P1D). Outputs: {@code appointmentBooked} (on file, not cancelled, still ahead), {@code firstReminderAt},
 * {@code secondReminderAt} (timer dates), {@code firstReminderDue}, {@code secondReminderDue} (false when that
 * moment has already passed: a "7 days before" reminder two days before is skipped, not sent late).
 *
 * <p>The timer dates are stored as process variables, which Camunda keeps unencrypted. A bare timestamp with
 * the appointment id is less than the appointment itself (no type, no clinician, no name), but it does reveal
 * roughly when the patient is seen: an accepted trade-off, since a timer needs its date (see README, Journeys).
 */
@Component("appointmentSchedule")
public class AppointmentSchedule implements JavaDelegate {

    private final PatientRegistry patients;
    private final Clock clock;

    @Autowired
    AppointmentSchedule(PatientRegistry patients) {
        this(patients, Clock.systemUTC());
    }

    AppointmentSchedule(PatientRegistry patients, Clock clock) {
        this.patients = patients;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String patientId = Inputs.required(execution, "patientId");
        String appointmentId = Inputs.required(execution, "appointmentId");
        Instant now = clock.instant();
        Optional<Appointment> appointment = patients.find(patientId).flatMap(p -> p.clinical().appointments()
                .stream().filter(a -> appointmentId.equals(a.id())).findFirst());
        boolean booked = appointment.filter(a -> a.start() != null && a.start().isAfter(now))
                .filter(a -> a.status() == null || !a.status().toLowerCase(Locale.ROOT).equals("cancelled"))
                .isPresent();
        execution.setVariable("appointmentBooked", booked);
        if (!booked) {
            execution.setVariable("firstReminderDue", false);
            execution.setVariable("secondReminderDue", false);
            return;
        }
        Instant start = appointment.get().start();
        Instant first = start.minus(before(execution, "firstReminderBefore", "P7D"));
        Instant second = start.minus(before(execution, "secondReminderBefore", "P1D"));
        execution.setVariable("firstReminderAt", Date.from(first));
        execution.setVariable("secondReminderAt", Date.from(second));
        execution.setVariable("firstReminderDue", first.isAfter(now));
        execution.setVariable("secondReminderDue", second.isAfter(now));
    }

    private static Duration before(DelegateExecution execution, String name, String fallback) {
        String value = Inputs.string(execution, name);
        try {
            return Duration.parse(value == null ? fallback : value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("input '" + name + "' must be an ISO 8601 duration such as P7D");
        }
    }
}
