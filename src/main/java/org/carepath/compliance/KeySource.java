package org.carepath.compliance;

/** Where a recipient's OpenPGP key came from. {@code AUTOCRYPT} is trust on first use only. */
public enum KeySource { PATIENT, WKD, AUTOCRYPT }
