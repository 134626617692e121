package org.carepath.compliance.decision;

import java.util.List;

import org.carepath.compliance.Authorization;
import org.carepath.compliance.Communication;
import org.carepath.compliance.DecisionFacts;
import org.carepath.compliance.Patient;
import org.carepath.compliance.Recipient;

/**
 * {@code POST /api/v1/decisions}. Inline {@code patient} and {@code authorizations} make a what-if decision;
 * {@code patientId} alone asks the server to take both from its registry.
 */
public record DecisionRequest(String patientId, Patient patient, List<Authorization> authorizations,
                              Communication communication, Recipient recipient) {

    public boolean fromRegistry() {
        return patient == null && patientId != null;
    }

    /** The request's inline facts. */
    public DecisionFacts facts() {
        return new DecisionFacts(patient, authorizations, communication, recipient);
    }
}
