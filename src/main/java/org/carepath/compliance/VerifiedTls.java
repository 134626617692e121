package org.carepath.compliance;

/** Result fact: TLS to the recipient's mail server can be verified (RFC 3207, RFC 7672). */
public record VerifiedTls() {
}
