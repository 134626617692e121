package org.carepath.compliance.rulebook;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/v1/rules} shows: the version serving decisions, its files, and the last change that
 * was rejected (with file, line and message) while the serving version is still in force.
 */
public record RuleBookStatus(String rulesVersion, Instant loadedAt, String origin, List<FileEntry> files,
                             int ruleCount, Rejection rejected) {

    public record FileEntry(String name, String sha256) {
    }

    public record Rejection(String version, Instant at, List<RuleProblem> errors) {
    }
}
