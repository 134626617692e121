package org.carepath.patient.imports;

import java.util.List;

/**
 * The answer to a FHIR import. The item counts are what the written patients now hold from the bundle;
 * {@code skipped} lists valid resources carepath has no use for (a Consent that is not about marketing, a
 * resolved Condition), {@code errors} the records that could not be taken.
 */
public record FhirImportReport(PatientCounts patients, int conditions, int medications, int appointments,
                               int consents, List<EntryProblem> errors, List<EntryProblem> skipped) {
}
