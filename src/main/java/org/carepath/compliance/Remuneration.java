package org.carepath.compliance;

/** Third-party payment for sending the communication. */
public enum Remuneration { NONE, COST_RELATED, EXCEEDS_COST, NON_FINANCIAL, UNKNOWN }
