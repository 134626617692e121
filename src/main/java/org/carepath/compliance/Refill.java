package org.carepath.compliance;

/** Facts about the drug a refill reminder is about. */
public record Refill(Boolean drugCurrentlyPrescribed, Integer daysSinceLapse, Boolean newFormulation) {
}
