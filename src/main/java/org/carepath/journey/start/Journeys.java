package org.carepath.journey.start;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.carepath.patient.ClinicalReferences;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Starts one journey for one patient, and carries care events (a gap closed, an appointment cancelled) to the
 * journeys waiting for them. The clinical codes callers name are checked against the registry and turned into
 * references ({@link ClinicalReferences}) before anything reaches Camunda.
 */
@Service
public class Journeys {

    static final String CARE_GAP_CLOSED = "carepath.care-gap-closed";
    static final String APPOINTMENT_CANCELLED = "carepath.appointment-cancelled";

    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;
    private final RepositoryService repository;
    private final PatientRegistry patients;
    private final ClinicalReferences references;

    Journeys(RuntimeService runtime, JdbcTemplate jdbc, RepositoryService repository, PatientRegistry patients,
             ClinicalReferences references) {
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.repository = repository;
        this.patients = patients;
        this.references = references;
    }

    /** The journey a start request led to, and whether this request started it. */
    public record Started(String journeyId, boolean isNew) {
    }

    /**
     * Starts the journey, or finds the one started earlier under the same {@code reference}: one transaction for
     * the reference and the start, so a journey exists exactly when its reference does.
     */
    @Transactional
    public Started start(JourneyStartRequest request) {
        if (request == null || blank(request.process()) || blank(request.patientId())) {
            throw bad("process and patientId are required");
        }
        Map<String, Object> given = request.variables() == null ? Map.of() : request.variables();
        TreeSet<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(JourneyVariableNames.ALLOWED);
        if (!unknown.isEmpty()) {
            throw bad("variables: '" + unknown.first() + "' is not a journey variable; allowed: "
                    + new TreeSet<>(JourneyVariableNames.ALLOWED));
        }
        if (repository.createProcessDefinitionQuery().processDefinitionKey(request.process()).count() == 0) {
            throw unprocessable("process: no journey with key '" + request.process() + "' is deployed");
        }
        PatientDetails patient = patients.find(request.patientId())
                .orElseThrow(() -> unprocessable("patientId: no patient with that id"));
        Map<String, Object> variables = new HashMap<>(given);
        variables.put("patientId", patient.id());
        if (!blank(request.appointmentId())) {
            if (patient.clinical().appointments().stream().noneMatch(a -> request.appointmentId().equals(a.id()))) {
                throw unprocessable("appointmentId: the appointment is not on the patient's file");
            }
            variables.put("appointmentId", request.appointmentId());
        }
        if (!blank(request.careGapCode())) {
            String reference = references.careGap(request.careGapCode());
            if (references.careGapOf(patient, reference).isEmpty()) {
                throw unprocessable("careGapCode: the care gap is not on the patient's file");
            }
            variables.put("careGapRef", reference);
        }
        if (!blank(request.medicationCode())) {
            String reference = references.medication(request.medicationCode());
            if (references.medicationOf(patient, reference).isEmpty()) {
                throw unprocessable("medicationCode: the medication is not on the patient's file");
            }
            variables.put("medicationRef", reference);
        }
        String reference = blank(request.reference()) ? null : request.reference();
        if (reference != null && jdbc.update("insert into carepath.journey_start (reference, created_at)"
                + " values (?, now()) on conflict (reference) do nothing", reference) == 0) {
            return new Started(jdbc.queryForObject("select journey_id from carepath.journey_start where reference = ?",
                    String.class, reference), false);
        }
        String id = runtime.createProcessInstanceByKey(request.process()).setVariables(variables).execute().getId();
        if (reference != null) {
            jdbc.update("update carepath.journey_start set journey_id = ? where reference = ?", id, reference);
        }
        return new Started(id, true);
    }

    /** Ends the journeys waiting for this event; answers how many. */
    public int happened(JourneyEvent event) {
        if (event == null || event.event() == null || blank(event.patientId())) {
            throw bad("event and patientId are required");
        }
        return switch (event.event()) {
            case CARE_GAP_CLOSED -> {
                if (blank(event.careGapCode())) {
                    throw bad("careGapCode is required for CARE_GAP_CLOSED");
                }
                yield runtime.createMessageCorrelation(CARE_GAP_CLOSED)
                        .processInstanceVariableEquals("patientId", event.patientId())
                        .processInstanceVariableEquals("careGapRef", references.careGap(event.careGapCode()))
                        .correlateAllWithResult().size();
            }
            case APPOINTMENT_CANCELLED -> {
                if (blank(event.appointmentId())) {
                    throw bad("appointmentId is required for APPOINTMENT_CANCELLED");
                }
                yield runtime.createMessageCorrelation(APPOINTMENT_CANCELLED)
                        .processInstanceVariableEquals("patientId", event.patientId())
                        .processInstanceVariableEquals("appointmentId", event.appointmentId())
                        .correlateAllWithResult().size();
            }
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ResponseStatusException bad(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }

    private static ResponseStatusException unprocessable(String reason) {
        return new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, reason);
    }
}
