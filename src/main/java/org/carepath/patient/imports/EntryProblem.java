package org.carepath.patient.imports;

/**
 * A bundle entry that was not imported: its 0-based index in {@code Bundle.entry}, its resource type and id
 * when they may be shown (see {@link FhirResources}), and a fixed reason.
 */
public record EntryProblem(int entry, String resourceType, String id, String reason) {
}
