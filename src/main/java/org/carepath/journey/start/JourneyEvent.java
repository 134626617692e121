package org.carepath.journey.start;

/**
 * {@code POST /api/v1/journeys/events}: something happened in the patient's care that ends waiting journeys.
 * {@code CARE_GAP_CLOSED} takes {@code careGapCode}, {@code APPOINTMENT_CANCELLED} {@code appointmentId}.
 */
public record JourneyEvent(Kind event, String patientId, String careGapCode, String appointmentId) {

    public enum Kind { CARE_GAP_CLOSED, APPOINTMENT_CANCELLED }
}
