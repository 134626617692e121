package org.carepath.compliance;

/** Result fact: how the communication is classified, and the exception that makes it not marketing. */
public record Classification(ClassificationKind kind, MarketingException exception) {
}
