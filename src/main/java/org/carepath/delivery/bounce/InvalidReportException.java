package org.carepath.delivery.bounce;

/** A posted bounce is not a delivery status report we can read; the message names no address or content. */
public class InvalidReportException extends Exception {

    public InvalidReportException(String message) {
        super(message);
    }
}
