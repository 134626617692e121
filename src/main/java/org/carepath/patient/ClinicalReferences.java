package org.carepath.patient;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.carepath.platform.FieldCipher;
import org.springframework.stereotype.Component;

/**
 * Opaque references to a patient's care gaps and prescriptions, for places that must name one but may not hold
 * PHI: Camunda's process variables, which it stores unencrypted. A clinical code next to a patient id is PHI
 * ("colorectal-screening", an RxNorm code); a reference is a keyed hash of the code (HMAC under a key derived
 * from the data key), the same for every patient and meaningless without the key. The registry item is found
 * again by hashing the codes on file, under the current and the previous keys (a key rotation does not strand
 * a running journey while the previous key is configured).
 */
@Component
public class ClinicalReferences {

    private static final String CARE_GAP = "journey.care-gap";
    private static final String MEDICATION = "journey.medication";

    private final FieldCipher cipher;

    public ClinicalReferences(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public String careGap(String code) {
        return "cg-" + encode(cipher.lookupHash(code, CARE_GAP));
    }

    public String medication(String code) {
        return "rx-" + encode(cipher.lookupHash(code, MEDICATION));
    }

    public Optional<CodedItem> careGapOf(PatientDetails patient, String reference) {
        return find(patient.clinical().careGaps(), CodedItem::code, "cg-", CARE_GAP, reference);
    }

    public Optional<Medication> medicationOf(PatientDetails patient, String reference) {
        return find(patient.clinical().medications(), Medication::code, "rx-", MEDICATION, reference);
    }

    private <T> Optional<T> find(List<T> items, Function<T, String> code, String prefix, String context,
                                 String reference) {
        if (reference == null || !reference.startsWith(prefix)) {
            return Optional.empty();
        }
        return items.stream().filter(item -> code.apply(item) != null && cipher.lookupHashes(code.apply(item), context)
                .stream().anyMatch(hash -> reference.equals(prefix + encode(hash)))).findFirst();
    }

    private static String encode(byte[] hash) {
        // 128 bits are plenty to tell a patient's few items apart and keep the variable short
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
    }
}
