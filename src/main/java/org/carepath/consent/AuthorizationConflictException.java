package org.carepath.consent;

/** An authorization with the same id is already recorded; records are never replaced. */
public class AuthorizationConflictException extends RuntimeException {
    public AuthorizationConflictException(String message) {
        super(message);
    }
}
