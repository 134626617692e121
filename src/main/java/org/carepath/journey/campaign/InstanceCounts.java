package org.carepath.journey.campaign;

/**
 * The process instances a campaign started, by runtime state: {@code running} (of which {@code withIncident}
 * are stuck on an incident), {@code completed}, and {@code endedEarly} (deleted or cancelled, by a cancel of
 * the campaign or inside the journey).
 */
public record InstanceCounts(long running, long withIncident, long completed, long endedEarly) {
}
