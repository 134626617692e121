package org.carepath.engagement;

/**
 * Published (as a Spring application event) when a patient may no longer be written to as before: an
 * authorization revoked, a marketing opt-out, an unsubscribe, or an address that bounced for good. Running
 * journeys of the patient listen and stop or divert before their next send. Carries no PHI.
 */
public record PatientWithdrew(String patientId, Reason reason) {

    public enum Reason { AUTHORIZATION_REVOKED, MARKETING_OPT_OUT, UNSUBSCRIBED, HARD_BOUNCE }
}
