package org.carepath.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.carepath.compliance.Authorization;
import org.carepath.compliance.AuthorizationStatements;
import org.carepath.compliance.PhiCategory;
import org.carepath.compliance.Purpose;
import org.carepath.compliance.UnencryptedEmailConsent;
import org.carepath.consent.AuthorizationRegistry;
import org.carepath.patient.Appointment;
import org.carepath.patient.ClinicalFacts;
import org.carepath.patient.CodedItem;
import org.carepath.patient.Medication;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Demo patients for the embedded default, so a newcomer has something to decide about: 36 invented
 * patients (ids {@code demo-01} ...) with conditions, medications, appointments and care gaps, preferences
 * of every kind, and marketing authorizations in every state the rules know. Only on the embedded database,
 * only into an empty registry, and never with {@code carepath.demo-data=false}.
 */
@Component
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String[] GIVEN = {"Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hiro", "Ines",
        "Jonas", "Kemal", "Lena"};
    private static final String[] FAMILY = {"Alvarez", "Brooks", "Chen"};
    private static final CodedItem DIABETES = new CodedItem("ICD-10", "E11.9", "Type 2 diabetes mellitus");
    private static final CodedItem HYPERTENSION = new CodedItem("ICD-10", "I10", "Essential hypertension");
    private static final CodedItem ASTHMA = new CodedItem("ICD-10", "J45.909", "Asthma, uncomplicated");
    private static final CodedItem COLORECTAL_SCREENING = new CodedItem("care-gap", "colorectal-screening",
            "Colorectal cancer screening overdue");
    private static final Medication METFORMIN = new Medication("RxNorm", "860975", "metformin 500 mg", true, null);
    private static final Medication ATORVASTATIN = new Medication("RxNorm", "617312", "atorvastatin 20 mg", false,
            LocalDate.parse("2026-10-20"));

    private final PatientRegistry patients;
    private final AuthorizationRegistry authorizations;
    private final ObjectProvider<EmbeddedPostgres> embedded;
    private final boolean enabled;

    DemoData(PatientRegistry patients, AuthorizationRegistry authorizations,
             ObjectProvider<EmbeddedPostgres> embedded, @Value("${carepath.demo-data:true}") boolean enabled) {
        this.patients = patients;
        this.authorizations = authorizations;
        this.embedded = embedded;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || embedded.getIfAvailable() == null || patients.exists("demo-01")) {
            return;
        }
        for (int i = 1; i <= 36; i++) {
            PatientDetails patient = patient(i);
            patients.save(patient);
            authorizationFor(i, patient.id()).ifPresent(a -> authorizations.record(a, "demo data"));
        }
        authorizations.revoke("demo-auth-04", Instant.parse("2026-09-01T10:00:00Z"), "demo data");
        log.info("Demo data: 36 patients (demo-01 to demo-36) with authorizations in every state");
    }

    private static PatientDetails patient(int i) {
        String id = "demo-%02d".formatted(i);
        String name = GIVEN[(i - 1) % GIVEN.length] + " " + FAMILY[(i - 1) % FAMILY.length];
        List<CodedItem> conditions = new ArrayList<>();
        List<Medication> medications = new ArrayList<>();
        if (i % 3 == 0) {
            conditions.add(DIABETES);
            medications.add(METFORMIN);
        }
        if (i % 4 == 0) {
            conditions.add(HYPERTENSION);
            medications.add(ATORVASTATIN);
        }
        if (i % 5 == 0) {
            conditions.add(ASTHMA);
        }
        List<Appointment> appointments = List.of(new Appointment("demo-ap-" + i,
                Instant.parse("2026-12-10T09:00:00Z").plusSeconds(86_400L * (i % 20)), "follow-up",
                i % 7 == 0 ? "cancelled" : "booked"));
        List<CodedItem> careGaps = i % 2 == 0 ? List.of(COLORECTAL_SCREENING) : List.of();
        UnencryptedEmailConsent consent = i % 6 == 1 ? new UnencryptedEmailConsent(
                Instant.parse("2026-02-01T10:00:00Z"), Instant.parse("2026-02-01T10:02:00Z"), null) : null;
        return new PatientDetails(id, name, id + "@patients.example.org", LocalDate.of(1940 + i, 1 + i % 12,
                1 + i % 28), i % 2 == 0 ? "female" : "male", "021%02d".formatted(i), new ClinicalFacts(conditions,
                medications, appointments, careGaps), i % 9 == 0, consent);
    }

    /** Patients 1 to 6 carry one authorization each, in the states the rules distinguish; the rest none. */
    private static java.util.Optional<Authorization> authorizationFor(int i, String patientId) {
        AuthorizationStatements complete = new AuthorizationStatements(true, true, true, true);
        List<PhiCategory> information = List.of(PhiCategory.DEMOGRAPHICS, PhiCategory.CONDITIONS,
                PhiCategory.MEDICATIONS);
        Instant signed = Instant.parse("2026-01-10T09:00:00Z");
        Instant expires = Instant.parse("2027-01-10T00:00:00Z");
        return java.util.Optional.ofNullable(switch (i) {
            // valid for any promotion
            case 1 -> new Authorization("demo-auth-01", patientId, signed, "signed", null, information,
                    List.of("Riverside Clinic"), List.of("Riverside Clinic"), List.of(Purpose.PROMOTION), List.of(),
                    List.of(), expires, null, false, complete, true, false, false, null, false);
            // valid for one sponsored campaign only
            case 2 -> new Authorization("demo-auth-02", patientId, signed, "signed", null, information,
                    List.of("Riverside Clinic"), List.of("Riverside Clinic", "Acme Pharma"),
                    List.of(Purpose.PROMOTION), List.of("statin-adherence-2026"), List.of("Acme Pharma"), expires,
                    null, false, complete, true, false, false, null, false);
            // expired
            case 3 -> new Authorization("demo-auth-03", patientId, signed, "signed", null, information,
                    List.of("Riverside Clinic"), List.of("Riverside Clinic"), List.of(Purpose.PROMOTION), List.of(),
                    List.of(), Instant.parse("2026-03-01T00:00:00Z"), null, false, complete, true, false, false,
                    null, false);
            // revoked (the revocation is recorded after it)
            case 4 -> new Authorization("demo-auth-04", patientId, signed, "signed", null, information,
                    List.of("Riverside Clinic"), List.of("Riverside Clinic"), List.of(Purpose.PROMOTION), List.of(),
                    List.of(), expires, null, false, complete, true, false, false, null, false);
            // defective: no redisclosure statement
            case 5 -> new Authorization("demo-auth-05", patientId, signed, "signed", null, information,
                    List.of("Riverside Clinic"), List.of("Riverside Clinic"), List.of(Purpose.PROMOTION), List.of(),
                    List.of(), expires, null, false, new AuthorizationStatements(true, true, false, true), true,
                    false, false, null, false);
            // out of scope for condition-targeted messages: demographics only
            case 6 -> new Authorization("demo-auth-06", patientId, signed, "signed", null,
                    List.of(PhiCategory.DEMOGRAPHICS), List.of("Riverside Clinic"), List.of("Riverside Clinic"),
                    List.of(Purpose.PROMOTION), List.of(), List.of(), expires, null, false, complete, true, false,
                    false, null, false);
            default -> null;
        });
    }
}
