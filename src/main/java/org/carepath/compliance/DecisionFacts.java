package org.carepath.compliance;

import java.time.Instant;
import java.util.List;

/** Everything the rules are given for one message to one patient. */
public record DecisionFacts(Patient patient, List<Authorization> authorizations, Communication communication,
                            Recipient recipient) {

    public DecisionFacts {
        patient = patient == null ? Patient.unnamed() : patient;
        authorizations = Lists.orEmpty(authorizations);
    }

    /** Fills in {@code sendAt} when the message did not say when it goes. */
    public DecisionFacts sendingAtIfUnset(Instant at) {
        if (communication == null || communication.sendAt() != null) {
            return this;
        }
        return new DecisionFacts(patient, authorizations, communication.withSendAt(at), recipient);
    }
}
