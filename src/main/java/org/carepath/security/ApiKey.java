package org.carepath.security;

import java.time.Instant;
import java.util.Set;

/** An API key as listed: never its secret, which is shown once, when the key is made. */
public record ApiKey(String id, String name, Set<Role> roles, Instant createdAt, Instant revokedAt) {
}
