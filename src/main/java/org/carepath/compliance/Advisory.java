package org.carepath.compliance;

/** Result fact of a rule that explains without deciding (why a path was skipped, say). */
public record Advisory(String topic) {
}
