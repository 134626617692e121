package org.carepath.compliance;

/** Result fact: the verdict on the message. Delivery rules match on an Outcome of SEND. */
public record Outcome(Verdict verdict) {
}
