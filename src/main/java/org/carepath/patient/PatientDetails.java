package org.carepath.patient;

import java.time.LocalDate;

import org.carepath.compliance.UnencryptedEmailConsent;

/** A patient as integrations write and read them. Every field but the id and the opt-out is PHI. */
public record PatientDetails(String id, String name, String email, LocalDate birthDate, String sex,
                             String postalCode, ClinicalFacts clinical, boolean marketingOptOut,
                             UnencryptedEmailConsent unencryptedEmailConsent) {

    public PatientDetails {
        clinical = clinical == null ? ClinicalFacts.none() : clinical;
    }
}
