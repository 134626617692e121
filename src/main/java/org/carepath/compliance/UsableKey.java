package org.carepath.compliance;

/** Result fact: the recipient can take end-to-end encryption by this method. */
public record UsableKey(SecureMethod method) {
}
