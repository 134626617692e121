package org.carepath.patient.imports;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.carepath.patient.Appointment;
import org.carepath.patient.ClinicalFacts;
import org.carepath.patient.CodedItem;
import org.carepath.patient.Medication;
import org.carepath.patient.PatientDetails;

/**
 * Everything a bundle says of one patient, gathered before anything is written, so a patient is written
 * once and whole, and a re-import builds the same record again (nothing is appended twice).
 *
 * <p>With a Patient resource in the bundle, the bundle is that patient's record: its conditions,
 * medications and appointments replace the stored ones, also when it has none. For a patient stored earlier
 * and only referenced, each kind the bundle carries for them replaces the stored list of that kind; the
 * other kinds are kept. Care gaps and the unencrypted-email consent are never in a bundle and are kept; the
 * marketing opt-out changes only with a marketing Consent.
 */
final class ImportedPatient {

    private final String id;
    private final int entry;
    private final PatientDetails demographics;
    private final Set<CodedItem> conditions = new LinkedHashSet<>();
    private final Set<Medication> medications = new LinkedHashSet<>();
    private final Set<Appointment> appointments = new LinkedHashSet<>();
    private boolean conditionsCarried;
    private boolean medicationsCarried;
    private boolean appointmentsCarried;
    private Boolean marketingOptOut;
    private int consents;

    private ImportedPatient(String id, int entry, PatientDetails demographics) {
        this.id = id;
        this.entry = entry;
        this.demographics = demographics;
    }

    static ImportedPatient fromPatientResource(int entry, PatientDetails demographics) {
        return new ImportedPatient(demographics.id(), entry, demographics);
    }

    static ImportedPatient referenced(String id, int firstEntry) {
        return new ImportedPatient(id, firstEntry, null);
    }

    String id() {
        return id;
    }

    /** The entry errors about writing this patient point to: its Patient, or the first entry about them. */
    int entry() {
        return entry;
    }

    boolean hasPatientResource() {
        return demographics != null;
    }

    void carriesConditions() {
        conditionsCarried = true;
    }

    void carriesMedications() {
        medicationsCarried = true;
    }

    void carriesAppointments() {
        appointmentsCarried = true;
    }

    void add(CodedItem condition) {
        conditionsCarried = true;
        conditions.add(condition);
    }

    void add(Medication medication) {
        medicationsCarried = true;
        medications.add(medication);
    }

    void add(Appointment appointment) {
        appointmentsCarried = true;
        appointments.add(appointment);
    }

    /** The later marketing Consent in bundle order wins. */
    void marketingOptOut(boolean optOut) {
        marketingOptOut = optOut;
        consents++;
    }

    int conditions() {
        return conditions.size();
    }

    int medications() {
        return medications.size();
    }

    int appointments() {
        return appointments.size();
    }

    int consents() {
        return consents;
    }

    /** The record to store, given what is stored (a referenced-only patient is always stored). */
    PatientDetails merge(Optional<PatientDetails> stored) {
        PatientDetails base = demographics != null ? demographics : stored.orElseThrow();
        ClinicalFacts old = stored.map(PatientDetails::clinical).orElse(ClinicalFacts.none());
        boolean whole = demographics != null;
        ClinicalFacts clinical = new ClinicalFacts(
                whole || conditionsCarried ? conditions.stream().toList() : old.conditions(),
                whole || medicationsCarried ? medications.stream().toList() : old.medications(),
                whole || appointmentsCarried ? appointments.stream().toList() : old.appointments(),
                old.careGaps());
        boolean optOut = marketingOptOut != null ? marketingOptOut
                : stored.map(PatientDetails::marketingOptOut).orElse(false);
        return new PatientDetails(id, base.name(), base.email(), base.birthDate(), base.sex(), base.postalCode(),
                clinical, optOut, stored.map(PatientDetails::unencryptedEmailConsent).orElse(null));
    }
}
