package org.carepath.compliance;

/** End-to-end encryption methods a recipient can take. */
public enum SecureMethod { SMIME, PGP }
