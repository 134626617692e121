package org.carepath.compliance;

/** Result fact: a ground for holding the message back, as {@code BLOCK} or {@code REVIEW}. */
public record Objection(Verdict verdict) {
}
