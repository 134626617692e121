package org.carepath.consent;

import java.util.Optional;

import org.carepath.compliance.PatientFactsSource;
import org.carepath.patient.PatientRegistry;
import org.springframework.stereotype.Component;

/**
 * The registry's answer to compliance: the patient's preferences and every authorization on file, read at
 * the moment of the decision, so a revocation received a millisecond earlier is already in force.
 */
@Component
class RegistryFacts implements PatientFactsSource {

    private final PatientRegistry patients;
    private final AuthorizationRegistry authorizations;

    RegistryFacts(PatientRegistry patients, AuthorizationRegistry authorizations) {
        this.patients = patients;
        this.authorizations = authorizations;
    }

    @Override
    public Optional<PatientFacts> find(String patientId) {
        return patients.preferences(patientId)
                .map(patient -> new PatientFacts(patient, authorizations.ofPatient(patientId)));
    }
}
