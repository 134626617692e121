package org.carepath.engagement;

import org.carepath.patient.PatientRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/v1/engagements}: integrators report opens and clicks from their own tracking (and replies
 * through other portals). Journeys waiting for the patient to engage go on; a report nobody waits for changes
 * nothing, so reporting twice is harmless.
 */
@RestController
class EngagementController {

    private final PatientRegistry patients;
    private final ApplicationEventPublisher events;

    EngagementController(PatientRegistry patients, ApplicationEventPublisher events) {
        this.patients = patients;
        this.events = events;
    }

    /** {@code journeyInstanceId}: the journey whose message it was, when the tracking knows it (null: any). */
    record Report(String patientId, Engaged.Kind kind, String journeyInstanceId) {
    }

    @PostMapping("/api/v1/engagements")
    ResponseEntity<Void> report(@RequestBody Report report) {
        if (report.patientId() == null || report.kind() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "patientId and kind are required");
        }
        if (!patients.exists(report.patientId())) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "no patient with that id");
        }
        events.publishEvent(new Engaged(report.patientId(), report.kind(), report.journeyInstanceId()));
        return ResponseEntity.accepted().build();
    }
}
