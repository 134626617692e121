package org.carepath.patient.imports;

import java.util.Optional;

import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Writes an imported patient unless the registry already holds exactly that: a re-import then changes no
 * row (and no {@code updated_at}), and the answer can say what really changed.
 */
@Component
class PatientWriter {

    enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final PatientRegistry registry;

    PatientWriter(PatientRegistry registry) {
        this.registry = registry;
    }

    Optional<PatientDetails> stored(String id) {
        return registry.find(id);
    }

    Outcome write(PatientDetails next, Optional<PatientDetails> stored) {
        if (stored.isPresent() && stored.get().equals(next)) {
            return Outcome.UNCHANGED;
        }
        try {
            registry.save(next);
        } catch (DuplicateKeyException e) {
            // the only unique column besides the id is the email's lookup hash
            throw new RejectedRecord("email already belongs to another patient");
        }
        return stored.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
    }
}
