package org.carepath.engagement;

/**
 * Published (as a Spring application event) when a patient engages with a message: opened it, clicked a
 * link in it, or replied through the portal. {@code journeyInstanceId} names the journey whose message it
 * was, when known (null: any waiting journey of the patient). Carries no PHI.
 */
public record Engaged(String patientId, Kind kind, String journeyInstanceId) {

    public enum Kind { OPENED, CLICKED, PORTAL_REPLY }
}
