package org.carepath.patient.imports;

/** A CSV record that was not imported: the line it starts on (the header is line 1), its id, a fixed reason. */
public record LineProblem(int line, String id, String reason) {
}
