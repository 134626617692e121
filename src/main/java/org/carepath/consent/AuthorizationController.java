package org.carepath.consent;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.carepath.compliance.Authorization;
import org.carepath.compliance.Defect;
import org.carepath.compliance.rulebook.DecisionEngine;
import org.carepath.compliance.rulebook.RuleBook;
import org.carepath.patient.PatientRegistry;
import org.carepath.platform.PhiRead;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Compliance records signed authorizations and revocations. Recording one answers its defects as the rules
 * see them, instead of refusing it: a paper form with a missing element is recorded as what it is.
 */
@RestController
class AuthorizationController {

    private final AuthorizationRegistry authorizations;
    private final PatientRegistry patients;
    private final RuleBook ruleBook;
    private final ApplicationEventPublisher events;

    AuthorizationController(AuthorizationRegistry authorizations, PatientRegistry patients, RuleBook ruleBook,
                            ApplicationEventPublisher events) {
        this.authorizations = authorizations;
        this.patients = patients;
        this.ruleBook = ruleBook;
        this.events = events;
    }

    record Recorded(Authorization authorization, List<Defect> defects) {
    }

    record Revocation(Instant receivedAt) {
    }

    @PostMapping("/api/v1/authorizations")
    ResponseEntity<Recorded> record(@RequestBody Authorization form, Principal who) {
        if (form.patientId() == null || !patients.exists(form.patientId())) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "patientId must name a patient in the registry");
        }
        Authorization recorded = authorizations.record(form, who.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(withDefects(recorded));
    }

    @GetMapping("/api/v1/authorizations/{id}")
    Recorded find(@PathVariable String id, Principal who) {
        Authorization found = authorizations.find(id).orElseThrow(AuthorizationController::notFound);
        events.publishEvent(new PhiRead(who.getName(), found.patientId(), "read authorization " + id));
        return withDefects(found);
    }

    @GetMapping("/api/v1/patients/{patientId}/authorizations")
    List<Recorded> ofPatient(@PathVariable String patientId, Principal who) {
        if (!patients.exists(patientId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no patient with that id");
        }
        events.publishEvent(new PhiRead(who.getName(), patientId, "read authorizations"));
        return authorizations.ofPatient(patientId).stream().map(this::withDefects).toList();
    }

    /** The moment the revocation was received (default: now); from then on no decision finds it valid. */
    @PostMapping("/api/v1/authorizations/{id}/revocation")
    Recorded revoke(@PathVariable String id, @RequestBody(required = false) Revocation revocation, Principal who) {
        Instant received = revocation == null || revocation.receivedAt() == null ? Instant.now()
                : revocation.receivedAt();
        return withDefects(authorizations.revoke(id, received, who.getName())
                .orElseThrow(AuthorizationController::notFound));
    }

    private Recorded withDefects(Authorization authorization) {
        return new Recorded(authorization, DecisionEngine.defects(ruleBook.current(), authorization));
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no authorization with that id");
    }
}
