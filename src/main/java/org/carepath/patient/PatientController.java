package org.carepath.patient;

import java.security.Principal;

import org.carepath.compliance.UnencryptedEmailConsent;
import org.carepath.platform.PhiRead;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/patients}: integrations write patients; reading PHI is for the roles that need it. */
@RestController
@RequestMapping("/api/v1/patients")
class PatientController {

    private final PatientRegistry registry;
    private final ApplicationEventPublisher events;

    PatientController(PatientRegistry registry, ApplicationEventPublisher events) {
        this.registry = registry;
        this.events = events;
    }

    /** Creates or replaces the patient with this id. */
    @PutMapping("/{id}")
    PatientDetails save(@PathVariable String id, @RequestBody PatientDetails patient) {
        if (patient.id() != null && !patient.id().equals(id)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "id in the body differs from the path");
        }
        PatientDetails saved = new PatientDetails(id, patient.name(), patient.email(), patient.birthDate(),
                patient.sex(), patient.postalCode(), patient.clinical(), patient.marketingOptOut(),
                patient.unencryptedEmailConsent());
        registry.save(saved);
        return saved;
    }

    @GetMapping("/{id}")
    PatientDetails find(@PathVariable String id, Principal who) {
        PatientDetails found = registry.find(id).orElseThrow(PatientController::notFound);
        events.publishEvent(new PhiRead(who.getName(), found.id(), "read patient"));
        return found;
    }

    record Lookup(String email) {
    }

    /** Lookup by email in a POST body: PHI never goes into a URL, where proxies and access logs keep it. */
    @PostMapping("/lookup")
    PatientDetails findByEmail(@RequestBody Lookup lookup, Principal who) {
        if (lookup.email() == null || lookup.email().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "email is required");
        }
        PatientDetails found = registry.findByEmail(lookup.email()).orElseThrow(PatientController::notFound);
        events.publishEvent(new PhiRead(who.getName(), found.id(), "looked up patient by email"));
        return found;
    }

    record MarketingPreference(boolean marketingOptOut) {
    }

    @PutMapping("/{id}/marketing-preference")
    ResponseEntity<Void> marketing(@PathVariable String id, @RequestBody MarketingPreference preference) {
        if (!registry.setMarketingOptOut(id, preference.marketingOptOut())) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{id}/unencrypted-email-consent")
    ResponseEntity<Void> unencrypted(@PathVariable String id, @RequestBody UnencryptedEmailConsent consent) {
        if (!registry.setUnencryptedEmailConsent(id, consent)) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no patient with that id");
    }
}
