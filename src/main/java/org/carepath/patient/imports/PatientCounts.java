package org.carepath.patient.imports;

/** Patients an import wrote: new ones, changed ones, and those it found already as the import says. */
public record PatientCounts(int created, int updated, int unchanged) {

    static PatientCounts none() {
        return new PatientCounts(0, 0, 0);
    }

    PatientCounts plus(PatientWriter.Outcome outcome) {
        return switch (outcome) {
            case CREATED -> new PatientCounts(created + 1, updated, unchanged);
            case UPDATED -> new PatientCounts(created, updated + 1, unchanged);
            case UNCHANGED -> new PatientCounts(created, updated, unchanged + 1);
        };
    }
}
