package org.carepath.patient;

import java.time.LocalDate;

/** A prescribed drug (RxNorm or another code) and its prescription state, for refill reminders. */
public record Medication(String system, String code, String display, boolean active, LocalDate lapsedSince) {
}
