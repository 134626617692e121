package org.carepath.compliance;

/** {@code SENSITIVE}: psychotherapy, substance use, HIV, reproductive health. */
public enum Sensitivity { STANDARD, SENSITIVE }
