package org.carepath.journey.deployment;

/**
 * One deployable file of the processes folder. {@code name} is its path relative to the folder with
 * {@code /} separators: the deployment name and resource name, the same on every machine.
 */
public record ProcessFile(String name, byte[] content, String sha256) {
}
