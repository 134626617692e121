package org.carepath.compliance;

/** Result fact: the status of one matching authorization at {@code sendAt}. */
public record AuthorizationCheck(Authorization authorization, AuthorizationStatus status) {
}
