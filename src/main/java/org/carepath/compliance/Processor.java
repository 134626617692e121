package org.carepath.compliance;

/** A third party that receives PHI for the message, and whether a business associate agreement is on file. */
public record Processor(String name, boolean baa) {
}
