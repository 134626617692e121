package org.carepath.patient;

import java.util.List;

/** What journeys and segments know of a patient's care. Stored as one encrypted document. */
public record ClinicalFacts(List<CodedItem> conditions, List<Medication> medications, List<Appointment> appointments,
                            List<CodedItem> careGaps) {

    public ClinicalFacts {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        medications = medications == null ? List.of() : List.copyOf(medications);
        appointments = appointments == null ? List.of() : List.copyOf(appointments);
        careGaps = careGaps == null ? List.of() : List.copyOf(careGaps);
    }

    public static ClinicalFacts none() {
        return new ClinicalFacts(null, null, null, null);
    }
}
