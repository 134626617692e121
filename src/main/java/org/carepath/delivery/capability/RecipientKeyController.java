package org.carepath.delivery.capability;

import java.util.List;

import org.carepath.compliance.KeySource;
import org.carepath.compliance.SecureMethod;
import org.carepath.delivery.encryption.UnusableKeyException;
import org.carepath.patient.PatientRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/patients/{id}/keys}: a patient's S/MIME certificate or OpenPGP key for end-to-end encryption. */
@RestController
@RequestMapping("/api/v1/patients/{patientId}/keys")
class RecipientKeyController {

    private final RecipientKeys keys;
    private final PatientRegistry patients;

    RecipientKeyController(RecipientKeys keys, PatientRegistry patients) {
        this.keys = keys;
        this.patients = patients;
    }

    /** {@code key}: a PEM certificate for SMIME, an ASCII-armoured public key for PGP. */
    record NewKey(SecureMethod kind, KeySource source, String key) {
    }

    @PostMapping
    ResponseEntity<RecipientKeys.RegisteredKey> register(@PathVariable String patientId, @RequestBody NewKey request) {
        if (!patients.exists(patientId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no patient with that id");
        }
        if (request.kind() == null || request.key() == null || request.key().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "kind and key are required");
        }
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(keys.register(patientId, request.kind(),
                    request.source() == null ? KeySource.PATIENT : request.source(), request.key()));
        } catch (UnusableKeyException e) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
    }

    @GetMapping
    List<RecipientKeys.RegisteredKey> list(@PathVariable String patientId) {
        return keys.of(patientId);
    }

    @DeleteMapping("/{keyId}")
    ResponseEntity<Void> withdraw(@PathVariable String patientId, @PathVariable String keyId) {
        if (!keys.withdraw(patientId, keyId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no active key with that id");
        }
        return ResponseEntity.noContent().build();
    }
}
