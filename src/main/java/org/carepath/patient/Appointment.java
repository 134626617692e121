package org.carepath.patient;

import java.time.Instant;

/** An appointment; {@code status} as the scheduling system says it (booked, cancelled, fulfilled). */
public record Appointment(String id, Instant start, String type, String status) {
}
