package org.carepath.patient.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.carepath.patient.CodedItem;
import org.carepath.patient.Medication;
import org.carepath.patient.PatientDetails;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Imports a FHIR R4 bundle in three passes: the Patients (so resources may come before the patient they are
 * about), then what the other resources say of each patient, then one write per patient. A bad record is
 * listed and left out; it never stops the others. Only entry indexes, resource types, ids and fixed reasons
 * are logged or answered.
 */
@Service
public class FhirBundleImport {

    private static final Logger log = LoggerFactory.getLogger(FhirBundleImport.class);

    private final FhirBundleReader reader;
    private final PatientWriter writer;

    FhirBundleImport(FhirBundleReader reader, PatientWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    public FhirImportReport run(byte[] body) {
        return new Run().run(reader.read(body));
    }

    /** The state of one import. */
    private final class Run {

        private final Map<String, ImportedPatient> patients = new LinkedHashMap<>();
        private final Map<String, Optional<PatientDetails>> stored = new HashMap<>();
        private final PatientReferences references = new PatientReferences();
        private final List<EntryProblem> errors = new ArrayList<>();
        private final List<EntryProblem> skipped = new ArrayList<>();

        FhirImportReport run(List<BundleEntry> entries) {
            for (BundleEntry entry : entries) {
                if (entry.problem() != null) {
                    errors.add(entry.asProblem(entry.problem()));
                } else if (entry.resource() instanceof Patient patient) {
                    guarded(entry, () -> addPatient(entry, patient));
                }
            }
            for (BundleEntry entry : entries) {
                if (entry.resource() != null && !(entry.resource() instanceof Patient)) {
                    guarded(entry, () -> addFacts(entry));
                }
            }
            FhirImportReport report = write();
            log.info("FHIR import: {} entries; patients created {}, updated {}, unchanged {}; {} errors, {} skipped",
                    entries.size(), report.patients().created(), report.patients().updated(),
                    report.patients().unchanged(), errors.size(), skipped.size());
            errors.forEach(e -> log.info("FHIR import: entry {} ({} {}) not imported: {}", e.entry(),
                    e.resourceType(), e.id(), e.reason()));
            return report;
        }

        private void guarded(BundleEntry entry, Runnable step) {
            try {
                step.run();
            } catch (RejectedRecord e) {
                errors.add(entry.asProblem(e.reason()));
            } catch (SkippedRecord e) {
                skipped.add(entry.asProblem(e.reason()));
            }
        }

        private void addPatient(BundleEntry entry, Patient resource) {
            PatientDetails demographics = FhirPatientMapping.demographics(resource);
            if (patients.containsKey(demographics.id())) {
                throw new RejectedRecord("Patient id appears twice in the bundle");
            }
            patients.put(demographics.id(), ImportedPatient.fromPatientResource(entry.index(), demographics));
            references.addPatient(entry.fullUrl(), demographics.id());
        }

        private void addFacts(BundleEntry entry) {
            if (entry.resource() instanceof Condition condition) {
                String id = patientId(condition.getSubject(), "Condition.subject");
                CodedItem item;
                try {
                    item = ConditionMapping.item(condition);
                } catch (SkippedRecord e) {
                    // a resolved condition is still news: it is no longer among the patient's conditions
                    draft(id, entry).carriesConditions();
                    throw e;
                }
                draft(id, entry).add(item);
            } else if (entry.resource() instanceof MedicationRequest request) {
                String id = patientId(request.getSubject(), "MedicationRequest.subject");
                Medication item;
                try {
                    item = MedicationMapping.item(request);
                } catch (SkippedRecord e) {
                    draft(id, entry).carriesMedications();
                    throw e;
                }
                draft(id, entry).add(item);
            } else if (entry.resource() instanceof Appointment appointment) {
                addAppointment(entry, appointment);
            } else if (entry.resource() instanceof Consent consent) {
                String id = patientId(consent.getPatient(), "Consent.patient");
                boolean optOut = MarketingConsentMapping.optOut(consent);
                draft(id, entry).marketingOptOut(optOut);
            }
        }

        private void addAppointment(BundleEntry entry, Appointment appointment) {
            List<Reference> actors = appointment.getParticipant().stream()
                    .map(Appointment.AppointmentParticipantComponent::getActor).filter(references::isPatient)
                    .toList();
            if (actors.isEmpty()) {
                throw new RejectedRecord("Appointment has no patient participant");
            }
            // every patient is resolved before any is changed: an appointment is taken whole or not at all
            List<String> attending = new ArrayList<>();
            for (Reference actor : actors) {
                attending.add(patientId(actor, "Appointment.participant.actor"));
            }
            org.carepath.patient.Appointment item; // carepath's, not FHIR's
            try {
                item = AppointmentMapping.item(appointment);
            } catch (SkippedRecord e) {
                attending.forEach(id -> draft(id, entry).carriesAppointments());
                throw e;
            }
            attending.forEach(id -> draft(id, entry).add(item));
        }

        /** The id of the patient a resource is about, who must be in the bundle or stored before. */
        private String patientId(Reference reference, String element) {
            String id = references.patientId(reference, element);
            if (!patients.containsKey(id) && stored(id).isEmpty()) {
                throw new RejectedRecord("references a patient neither in the bundle nor in the registry");
            }
            return id;
        }

        private ImportedPatient draft(String id, BundleEntry entry) {
            return patients.computeIfAbsent(id, known -> ImportedPatient.referenced(known, entry.index()));
        }

        private Optional<PatientDetails> stored(String id) {
            return stored.computeIfAbsent(id, writer::stored);
        }

        private FhirImportReport write() {
            PatientCounts counts = PatientCounts.none();
            int conditions = 0;
            int medications = 0;
            int appointments = 0;
            int consents = 0;
            for (ImportedPatient patient : patients.values()) {
                Optional<PatientDetails> before = stored(patient.id());
                try {
                    counts = counts.plus(writer.write(patient.merge(before), before));
                } catch (RejectedRecord e) {
                    errors.add(new EntryProblem(patient.entry(), patient.hasPatientResource() ? "Patient" : null,
                            patient.id(), e.reason()));
                    continue;
                }
                conditions += patient.conditions();
                medications += patient.medications();
                appointments += patient.appointments();
                consents += patient.consents();
            }
            errors.sort(Comparator.comparingInt(EntryProblem::entry));
            return new FhirImportReport(counts, conditions, medications, appointments, consents, List.copyOf(errors),
                    List.copyOf(skipped));
        }
    }
}
