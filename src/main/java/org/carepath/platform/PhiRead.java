package org.carepath.platform;

/**
 * Someone read a patient's PHI through the API. Published by whoever served it and recorded by the audit
 * trail, so capabilities report reads without depending on the audit package.
 */
public record PhiRead(String actor, String patientId, String action) {
}
