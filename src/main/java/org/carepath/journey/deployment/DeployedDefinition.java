package org.carepath.journey.deployment;

/** A process or decision definition a file of the folder deployed: {@code type} is process or decision. */
public record DeployedDefinition(String type, String key, int version, String id) {
}
