package org.carepath.delivery.encryption;

/**
 * A recipient key or certificate, or the organisation's signing key, cannot be used. The message names the
 * problem only ("recipient certificate expired"): never an address, a name from a certificate, or content,
 * because it ends up in logs and delivery records.
 */
public class UnusableKeyException extends RuntimeException {

    public UnusableKeyException(String problem) {
        super(problem);
    }

    /** The cause is kept for debugging; its own message comes from a library and is not repeated here. */
    public UnusableKeyException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
