package org.carepath.compliance;

/** Result fact: whether an authorization is needed, or which exception lets marketing go without one. */
public record AuthorizationRequirement(boolean required, AuthorizationException exception) {
}
