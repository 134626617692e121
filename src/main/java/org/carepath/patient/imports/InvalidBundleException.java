package org.carepath.patient.imports;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The body is not a bundle at all: nothing is imported. The detail names a position, never a value. */
final class InvalidBundleException extends ResponseStatusException {

    InvalidBundleException(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
