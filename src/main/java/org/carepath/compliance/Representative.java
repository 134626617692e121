package org.carepath.compliance;

/** Someone signing for the patient, with the authority they act under ("parent of a minor"). */
public record Representative(String name, String authority) {
}
