package org.carepath.delivery.compose;

/** A template rendered with its variables: a one-line subject, the plain-text body and the HTML body. */
public record RenderedMessage(String subject, String text, String html) {
}
