package org.carepath.compliance;

import java.util.Optional;

/**
 * What compliance needs from the patient registry: the patient and their authorizations as facts.
 * Declared here and implemented by the registry, so compliance depends on nothing.
 */
public interface PatientFactsSource {

    /** The patient and every authorization on file (revoked ones included), or empty if unknown. */
    Optional<PatientFacts> find(String patientId);

    record PatientFacts(Patient patient, java.util.List<Authorization> authorizations) {
    }
}
