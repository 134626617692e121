package org.carepath.journey.delegate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.carepath.compliance.Communication;
import org.carepath.compliance.PhiCategory;
import org.carepath.compliance.Purpose;
import org.carepath.compliance.Refill;
import org.carepath.compliance.Remuneration;
import org.carepath.compliance.Sensitivity;
import org.carepath.patient.ClinicalReferences;
import org.carepath.patient.Medication;
import org.carepath.patient.PatientRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The communication facts of a journey step, from its inputs ({@code purpose}, {@code encouragesPurchaseOrUse},
 * {@code sponsor}, {@code remuneration}, {@code phiUsed}, {@code sensitivity}, {@code campaignId}). For a refill
 * reminder about {@code medicationRef} (see {@link ClinicalReferences}) it adds the prescription's state from the registry: facts, which the
 * rules judge (whether a lapse still counts as "currently prescribed" is theirs to say).
 */
@Component
class CommunicationFacts {

    private final PatientRegistry patients;
    private final ClinicalReferences references;
    private final Clock clock;

    @Autowired
    CommunicationFacts(PatientRegistry patients, ClinicalReferences references) {
        this(patients, references, Clock.systemUTC());
    }

    CommunicationFacts(PatientRegistry patients, ClinicalReferences references, Clock clock) {
        this.patients = patients;
        this.references = references;
        this.clock = clock;
    }

    Communication of(VariableScope execution) {
        return of(execution, Inputs.parse("purpose", Inputs.required(execution, "purpose"), Purpose.class));
    }

    Communication of(VariableScope execution, Purpose purpose) {
        return new Communication(Inputs.string(execution, "campaignId"), null, null, purpose,
                Inputs.bool(execution, "encouragesPurchaseOrUse"), Inputs.string(execution, "sponsor"),
                Inputs.enumValue(execution, "remuneration", Remuneration.class), refill(execution, purpose),
                false, false, phiUsed(execution), Inputs.enumValue(execution, "sensitivity", Sensitivity.class),
                null);
    }

    private static List<PhiCategory> phiUsed(VariableScope execution) {
        String listed = Inputs.string(execution, "phiUsed");
        List<PhiCategory> categories = new ArrayList<>();
        if (listed != null) {
            for (String name : listed.split(",")) {
                if (!name.isBlank()) {
                    categories.add(Inputs.parse("phiUsed", name, PhiCategory.class));
                }
            }
        }
        return categories;
    }

    private Refill refill(VariableScope execution, Purpose purpose) {
        String reference = Inputs.string(execution, "medicationRef");
        String patientId = Inputs.string(execution, "patientId");
        if (purpose != Purpose.REFILL_REMINDER || reference == null || patientId == null) {
            return null;
        }
        return patients.find(patientId).flatMap(p -> references.medicationOf(p, reference))
                .map(this::refillOf)
                .orElse(new Refill(false, null, false));
    }

    private Refill refillOf(Medication medication) {
        if (medication.active() || medication.lapsedSince() == null) {
            return new Refill(medication.active(), null, false);
        }
        long days = ChronoUnit.DAYS.between(medication.lapsedSince(), LocalDate.ofInstant(clock.instant(),
                ZoneOffset.UTC));
        return new Refill(false, (int) Math.max(0, days), false);
    }
}
