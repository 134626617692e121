package org.carepath.compliance;

/** Result fact: the authorization status the decision reports, and the authorization that gave it (or null). */
public record AuthorizationAnswer(AuthorizationStatus status, Authorization authorization) {
}
