package org.carepath.delivery.send;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import org.carepath.compliance.Communication;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.outbox.OutboxStatus;
import org.carepath.patient.PatientRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/messages}: one transactional message without a journey (a test result is ready, a bill).
 * It is queued once per {@code reference}; the rules decide when it is sent, not when it is queued.
 */
@RestController
class MessageController {

    private final Outbox outbox;
    private final PatientRegistry patients;

    MessageController(Outbox outbox, PatientRegistry patients) {
        this.outbox = outbox;
        this.patients = patients;
    }

    /** {@code reference}: the caller's id for this message; sending the same reference again queues nothing. */
    record NewMessage(String patientId, String template, Map<String, Object> variables, Communication communication,
                      String reference) {
    }

    record Queued(String messageId, OutboxStatus status) {
    }

    @PostMapping("/api/v1/messages")
    @Transactional
    ResponseEntity<Queued> send(@RequestBody NewMessage request) {
        if (request.patientId() == null || request.template() == null || request.communication() == null
                || request.communication().purpose() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "patientId, template and communication.purpose are required");
        }
        if (!patients.exists(request.patientId())) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "no patient with that id");
        }
        String reference = request.reference() != null ? request.reference() : UUID.randomUUID().toString();
        OutgoingMessage message = new OutgoingMessage(request.patientId(), request.template(), request.variables(),
                request.communication(), "api", reference);
        // a sendAt in the future schedules the message; the rules still judge it when it goes
        String id = outbox.enqueue("api/" + reference + "/" + request.patientId(), request.patientId(),
                json(message), request.communication().sendAt());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Queued(id, outbox.status(id).orElseThrow()));
    }

    @GetMapping("/api/v1/messages/{id}")
    Map<String, Object> status(@PathVariable String id) {
        return outbox.describe(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no message with that id"));
    }

    private static byte[] json(OutgoingMessage message) {
        try {
            return ContractJson.json().writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
