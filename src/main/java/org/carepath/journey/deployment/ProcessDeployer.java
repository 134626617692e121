package org.carepath.journey.deployment;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Deploys the journeys from the processes folder ({@code carepath.processes.dir}), not from the class path, so
 * designers change them without a build. One deployment per file, named by the file's relative path, so a
 * broken file never blocks another and each file's versions can be told apart in Cockpit.
 *
 * <p>Deployed on start, then the folder is polled: a file whose content changed is deployed again, which makes a
 * new version of its processes (running instances stay on theirs). Duplicate filtering makes the engine itself
 * skip a file whose content equals its last deployment, so a restart, or a second node reading the same files,
 * deploys nothing new. A file the engine refuses is reported with line and column; the versions deployed before
 * keep running, and nothing else changes. A file removed from the folder is not undeployed: instances may still
 * run on it.
 */
@Service
public class ProcessDeployer {

    /** The deployments' source: duplicate filtering compares only deployments of the same name and source. */
    static final String SOURCE = "carepath processes folder";

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);

    private final Path folder;
    private final RepositoryService repository;
    private final Map<String, ProcessFolderStatus.FileStatus> files = new ConcurrentHashMap<>();
    private volatile Instant lastScan;
    private volatile String folderProblem;

    public ProcessDeployer(@Value("${carepath.processes.dir}") Path folder, RepositoryService repository) {
        this.folder = folder;
        this.repository = repository;
    }

    /** Deploys the folder once the engine and everything else is up, before the server reports it started. */
    @EventListener(ApplicationReadyEvent.class)
    public void deployOnStart() {
        log.info("Deploying journeys from {}", folder.toAbsolutePath());
        scan();
    }

    /** Polls the folder; cheap when nothing changed (the files are hashed, not parsed). */
    @Scheduled(fixedDelayString = "${carepath.processes.poll-interval}",
            initialDelayString = "${carepath.processes.poll-interval}")
    void watch() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("Scanning the processes folder {} failed: {}", folder.toAbsolutePath(),
                    e.getClass().getSimpleName());
        }
    }

    /** Deploys every file whose content changed since the last scan; answers the resulting status. */
    public synchronized ProcessFolderStatus scan() {
        List<ProcessFile> current;
        try {
            current = ProcessFolder.read(folder);
        } catch (UncheckedIOException e) {
            if (folderProblem == null) {
                log.warn("Cannot read the processes folder: {}", e.getMessage());
            }
            folderProblem = e.getMessage();
            lastScan = Instant.now();
            return status();
        }
        folderProblem = null;
        Set<String> names = current.stream().map(ProcessFile::name).collect(Collectors.toSet());
        for (String gone : new HashSet<>(files.keySet())) {
            if (!names.contains(gone)) {
                files.remove(gone);
                log.info("{} left the processes folder; what it deployed stays deployed", gone);
            }
        }
        for (ProcessFile file : current) {
            ProcessFolderStatus.FileStatus known = files.get(file.name());
            if (known == null || !known.sha256().equals(file.sha256())) {
                deploy(file);
            }
        }
        lastScan = Instant.now();
        return status();
    }

    public ProcessFolderStatus status() {
        List<ProcessFolderStatus.FileStatus> list = new ArrayList<>(files.values());
        list.sort(Comparator.comparing(ProcessFolderStatus.FileStatus::file));
        return new ProcessFolderStatus(folder.toString(), lastScan, folderProblem, list);
    }

    private void deploy(ProcessFile file) {
        Deployment before = latestDeployment(file.name());
        Deployment deployment;
        try {
            deployment = repository.createDeployment()
                    .name(file.name())
                    .source(SOURCE)
                    .enableDuplicateFiltering(false)
                    .addInputStream(file.name(), new ByteArrayInputStream(file.content()))
                    .deployWithResult();
        } catch (RuntimeException e) {
            if (databaseTrouble(e)) {
                // Not the file's fault: leave it unrecorded so the next scan tries again.
                log.warn("Could not deploy {} ({}); trying again at the next scan", file.name(),
                        e.getClass().getSimpleName());
                return;
            }
            reject(file, before, DeploymentProblems.of(file.name(), e));
            return;
        }
        List<DeployedDefinition> definitions = definitions(deployment.getId());
        if (before != null && before.getId().equals(deployment.getId())) {
            log.info("{} is unchanged since its last deployment: {}", file.name(), describe(definitions));
        } else {
            log.info("Deployed {}: {}", file.name(), describe(definitions));
        }
        files.put(file.name(), new ProcessFolderStatus.FileStatus(file.name(), file.sha256(),
                ProcessFolderStatus.State.DEPLOYED, deployment.getId(), deployment.getDeploymentTime().toInstant(),
                definitions, List.of(), Instant.now()));
    }

    private void reject(ProcessFile file, Deployment before, List<ProcessProblem> problems) {
        List<DeployedDefinition> running = before == null ? List.of() : definitions(before.getId());
        log.error("{} was not deployed ({}):", file.name(),
                running.isEmpty() ? "no earlier version of it runs" : "still running: " + describe(running));
        problems.forEach(p -> log.error("  {}", p.describe()));
        files.put(file.name(), new ProcessFolderStatus.FileStatus(file.name(), file.sha256(),
                ProcessFolderStatus.State.REJECTED, before == null ? null : before.getId(),
                before == null ? null : before.getDeploymentTime().toInstant(), running, problems, Instant.now()));
    }

    private Deployment latestDeployment(String name) {
        List<Deployment> latest = repository.createDeploymentQuery().deploymentName(name).deploymentSource(SOURCE)
                .orderByDeploymentTime().desc().listPage(0, 1);
        return latest.isEmpty() ? null : latest.get(0);
    }

    private List<DeployedDefinition> definitions(String deploymentId) {
        List<DeployedDefinition> definitions = new ArrayList<>();
        repository.createProcessDefinitionQuery().deploymentId(deploymentId).list().forEach(d ->
                definitions.add(new DeployedDefinition("process", d.getKey(), d.getVersion(), d.getId())));
        repository.createDecisionDefinitionQuery().deploymentId(deploymentId).list().forEach(d ->
                definitions.add(new DeployedDefinition("decision", d.getKey(), d.getVersion(), d.getId())));
        definitions.sort(Comparator.comparing(DeployedDefinition::type).thenComparing(DeployedDefinition::key));
        return definitions;
    }

    private static String describe(List<DeployedDefinition> definitions) {
        if (definitions.isEmpty()) {
            return "no process or decision definitions";
        }
        return definitions.stream().map(d -> d.type() + " " + d.key() + " version " + d.version())
                .collect(Collectors.joining(", "));
    }

    private static boolean databaseTrouble(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
