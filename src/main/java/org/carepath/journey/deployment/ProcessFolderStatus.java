package org.carepath.journey.deployment;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/v1/processes} shows: every deployable file of the folder, what of it runs, and what is
 * wrong with the file as it is now.
 *
 * @param folderProblem set when the folder itself cannot be read (missing, unreadable); the files are then
 *                      the last ones seen
 */
public record ProcessFolderStatus(String folder, Instant lastScan, String folderProblem, List<FileStatus> files) {

    public enum State {
        /** The file as it is now is what runs. */
        DEPLOYED,
        /** The file as it is now was refused; {@code definitions} are the ones an earlier version deployed. */
        REJECTED
    }

    /**
     * @param deploymentId the deployment whose definitions run (null when no version of the file ever deployed)
     * @param deployedAt   when that deployment was made
     * @param checkedAt    when the file's current content was deployed or refused
     */
    public record FileStatus(String file, String sha256, State state, String deploymentId, Instant deployedAt,
                             List<DeployedDefinition> definitions, List<ProcessProblem> problems, Instant checkedAt) {
    }
}
