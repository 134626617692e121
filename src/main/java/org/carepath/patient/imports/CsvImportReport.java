package org.carepath.patient.imports;

import java.util.List;

/** The answer to a CSV import. */
public record CsvImportReport(PatientCounts patients, List<LineProblem> errors) {
}
