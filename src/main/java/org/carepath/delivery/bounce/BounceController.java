package org.carepath.delivery.bounce;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/v1/bounces}: the raw bounce mail (RFC 3464 DSN, as {@code message/rfc822}), for the
 * mailbox or MTA hook that receives the organisation's bounces (e.g. a Postfix pipe to curl).
 * {@code /api/v1/patients/{id}/suppression}: whether the patient's address is suppressed, and lifting it.
 */
@RestController
class BounceController {

    private static final int MAX_REPORT_BYTES = 5 * 1024 * 1024;

    private final BounceIntake intake;
    private final Suppressions suppressions;

    BounceController(BounceIntake intake, Suppressions suppressions) {
        this.intake = intake;
        this.suppressions = suppressions;
    }

    @PostMapping(path = "/api/v1/bounces", consumes = {"message/rfc822", "application/octet-stream", "text/plain"})
    BounceIntake.Outcome bounce(@RequestBody byte[] raw) {
        if (raw.length > MAX_REPORT_BYTES) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "a bounce report is at most 5 MB");
        }
        try {
            return intake.take(DeliveryStatusReport.parse(raw));
        } catch (InvalidReportException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @GetMapping("/api/v1/patients/{id}/suppression")
    Suppressions.Suppression suppression(@PathVariable String id) {
        return suppressions.of(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "the patient's address is not suppressed"));
    }

    @DeleteMapping("/api/v1/patients/{id}/suppression")
    ResponseEntity<Void> lift(@PathVariable String id) {
        if (!suppressions.lift(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the patient's address is not suppressed");
        }
        return ResponseEntity.noContent().build();
    }
}
