package org.carepath.compliance;

/** Whether an OpenPGP key is known for the recipient, whether it is valid, and where it came from. */
public record PgpCapability(boolean key, boolean valid, KeySource source) {

    public PgpCapability {
        source = source == null ? KeySource.PATIENT : source;
    }
}
