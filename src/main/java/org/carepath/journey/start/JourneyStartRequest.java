package org.carepath.journey.start;

import java.util.Map;

/**
 * {@code POST /api/v1/journeys}: which journey, for whom, about what. The clinical codes are taken here and
 * never stored by Camunda: the journey gets opaque references instead ({@code careGapRef}, {@code medicationRef}).
 * {@code variables}: the journey's own settings and communication facts, by name (see {@link JourneyVariableNames}).
 * {@code reference}: the caller's id for this start (optional); the same reference again starts nothing new and
 * answers the journey it started (a retried request after a timeout must not remind a patient twice).
 */
public record JourneyStartRequest(String process, String patientId, String appointmentId, String careGapCode,
                                  String medicationCode, Map<String, Object> variables, String reference) {
}
