package org.carepath.journey.delegate;

import java.time.Instant;

import org.carepath.compliance.Dane;
import org.carepath.compliance.MtaSts;
import org.carepath.compliance.Recipient;
import org.carepath.compliance.Transport;
import org.carepath.delivery.capability.RecipientKeys;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.springframework.stereotype.Component;

/**
 * The recipient as the delivery worker will present it to the rules: the address on file, the patient's
 * registered keys, and a mail server presumed to take verified TLS (the worker presumes the same until a send
 * proves otherwise, and judges again then). Null when the patient has no address: the rules still classify
 * and authorize, without a delivery path.
 */
@Component
class RecipientFacts {

    private final PatientRegistry patients;
    private final RecipientKeys keys;

    RecipientFacts(PatientRegistry patients, RecipientKeys keys) {
        this.patients = patients;
        this.keys = keys;
    }

    Recipient of(String patientId, Instant at) {
        String address = patients.find(patientId).map(PatientDetails::email).orElse(null);
        if (address == null) {
            return null;
        }
        RecipientKeys.Capabilities capabilities = keys.capabilitiesAt(patientId, at);
        return new Recipient(address, null, capabilities.smime(), capabilities.pgp(),
                new Transport(true, "TLSv1.3", true, MtaSts.NONE, Dane.NONE), false);
    }
}
