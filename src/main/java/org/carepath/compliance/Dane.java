package org.carepath.compliance;

/** Result of the DANE check of the recipient's MX (RFC 7672); {@code NONE}: no DNSSEC-signed TLSA. */
public enum Dane { VALID, FAILED, NONE }
