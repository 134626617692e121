package org.carepath.compliance;

/** The recipient domain's MTA-STS policy mode (RFC 8461). */
public enum MtaSts { ENFORCE, TESTING, NONE }
