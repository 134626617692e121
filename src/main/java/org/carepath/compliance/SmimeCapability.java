package org.carepath.compliance;

/** Whether an S/MIME certificate is on file for the recipient, and whether it is currently valid. */
public record SmimeCapability(boolean certificate, boolean valid) {
}
