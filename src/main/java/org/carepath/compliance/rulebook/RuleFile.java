package org.carepath.compliance.rulebook;

/** One DRL file of the rule book: its path relative to the rules folder, its text and its SHA-256. */
public record RuleFile(String name, String content, String sha256) {
}
