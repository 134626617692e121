package org.carepath.delivery.compose;

/**
 * A value meant for a mail header holds a line break. A CR or LF in a header value would end that header and
 * start another one of the sender's choosing (a Bcc, a second To), so it is refused, never cleaned up.
 * The message names the header or variable, never the value.
 */
public class HeaderInjectionException extends IllegalArgumentException {

    public HeaderInjectionException(String message) {
        super(message);
    }
}
