package org.carepath.journey.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RepositoryService;
import org.carepath.ServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The running server deploys the journeys of its processes folder: on start, again when a file changes, never
 * a file that did not change; a file the engine refuses is reported with line and column and disturbs nothing.
 */
class ProcessFolderIT extends ServerTest {

    /** What these tests add to the shared folder, removed after each. */
    private static final Path MINE = Path.of(PROCESSES, "deployment-it");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    RepositoryService repository;

    @AfterEach
    void removeWhatTheTestAdded() throws IOException {
        deleteTree(MINE);
        deleteTree(Path.of(PROCESSES, ".scratch"));
        await().atMost(PATIENCE).until(() -> status().get("files").findValuesAsText("file").stream()
                .noneMatch(f -> f.startsWith("deployment-it/")));
    }

    @Test
    void aFileInTheFolderAtStartIsDeployedUnderItsRelativePath() {
        String name = "test-fixtures/deployed-on-start.bpmn";
        JsonNode file = awaitFile(name, "DEPLOYED");
        assertThat(file.get("definitions").get(0).get("key").asText()).isEqualTo("carepathTestDeployedOnStart");

        var definition = repository.createProcessDefinitionQuery().processDefinitionKey("carepathTestDeployedOnStart")
                .latestVersion().singleResult();
        assertThat(definition.getResourceName()).isEqualTo(name);
        assertThat(definition.getId()).isEqualTo(file.get("definitions").get(0).get("id").asText());
        var deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
        assertThat(deployment.getName()).isEqualTo(name);
        assertThat(repository.getDeploymentResourceNames(deployment.getId())).containsExactly(name);
        assertThat(status().get("files").findValuesAsText("file")).noneMatch(f -> f.startsWith("."));
    }

    @Test
    void anUnchangedFileDeploysNothingAndAChangedOneDeploysANewVersion() throws IOException {
        String name = "deployment-it/journeys/changing.bpmn";
        write(name, TestBpmn.process("deploymentItChanging", "first"));
        JsonNode first = awaitFile(name, "DEPLOYED");
        int version = first.get("definitions").get(0).get("version").asInt();

        // The same content written again, and the folder read by a deployer that never saw it (a restart, or a
        // second node): the engine's duplicate filtering deploys nothing.
        write(name, TestBpmn.process("deploymentItChanging", "first"));
        awaitScanAfter(Instant.now());
        new ProcessDeployer(Path.of(PROCESSES), repository).scan();
        assertThat(deploymentsOf(name)).isOne();
        assertThat(file(name).get("deploymentId").asText()).isEqualTo(first.get("deploymentId").asText());

        write(name, TestBpmn.process("deploymentItChanging", "second"));
        await().atMost(PATIENCE).until(() -> file(name).get("definitions").get(0).get("version").asInt() == version + 1);
        assertThat(deploymentsOf(name)).isEqualTo(2);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("deploymentItChanging")
                .latestVersion().singleResult().getName()).isEqualTo("second");
    }

    @Test
    void aFlowToAMissingElementIsReportedWithLineAndColumnAndTheRunningVersionStays() throws IOException {
        String name = "deployment-it/broken.bpmn";
        String other = "deployment-it/bystander.bpmn";
        write(name, TestBpmn.process("deploymentItBroken", "good"));
        write(other, TestBpmn.process("deploymentItBystander", "good"));
        JsonNode good = awaitFile(name, "DEPLOYED");
        JsonNode bystander = awaitFile(other, "DEPLOYED");

        write(name, TestBpmn.flowToMissingElement("deploymentItBroken"));
        JsonNode rejected = awaitFile(name, "REJECTED");
        // the engine's own check, at the flow (line 9); its schema validation also objects, at the document's end
        JsonNode problem = problemContaining(rejected, "Invalid destination 'nowhere' of sequence flow 'toEnd'");
        assertThat(problem.get("file").asText()).isEqualTo(name);
        assertThat(problem.get("line").asInt()).isEqualTo(9);
        assertThat(problem.get("column").asInt()).isPositive();
        assertThat(problem.get("elementId").asText()).isEqualTo("toEnd");
        // what ran before runs on: the status says so, and the engine agrees
        assertThat(rejected.get("deploymentId").asText()).isEqualTo(good.get("deploymentId").asText());
        assertThat(rejected.get("definitions")).isEqualTo(good.get("definitions"));
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("deploymentItBroken")
                .latestVersion().singleResult().getDeploymentId()).isEqualTo(good.get("deploymentId").asText());
        assertThat(deploymentsOf(name)).isOne();
        assertThat(file(other)).isEqualTo(bystander);

        write(name, TestBpmn.process("deploymentItBroken", "fixed"));
        JsonNode fixed = awaitFile(name, "DEPLOYED");
        assertThat(fixed.get("problems")).isEmpty();
        assertThat(fixed.get("definitions").get(0).get("version").asInt())
                .isEqualTo(good.get("definitions").get(0).get("version").asInt() + 1);
    }

    @Test
    void malformedXmlIsReportedWithLineAndColumn() throws IOException {
        String name = "deployment-it/malformed.bpmn";
        write(name, TestBpmn.malformed("deploymentItMalformed"));
        JsonNode rejected = awaitFile(name, "REJECTED");
        JsonNode problem = rejected.get("problems").get(0);
        assertThat(problem.get("file").asText()).isEqualTo(name);
        assertThat(problem.get("line").asInt()).isEqualTo(11);
        assertThat(problem.get("column").asInt()).isPositive();
        assertThat(problem.get("message").asText()).startsWith("not well-formed XML: ")
                .contains("must be terminated by the matching end-tag");
        assertThat(rejected.get("definitions")).isEmpty();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("deploymentItMalformed").count())
                .isZero();
    }

    @Test
    void dotFoldersAreNotDeployed() throws IOException {
        write("deployment-it/visible.bpmn", TestBpmn.process("deploymentItVisible", "visible"));
        Files.createDirectories(Path.of(PROCESSES, ".scratch"));
        Files.writeString(Path.of(PROCESSES, ".scratch", "hidden.bpmn"), TestBpmn.process("deploymentItHidden", "x"));
        awaitFile("deployment-it/visible.bpmn", "DEPLOYED");
        awaitScanAfter(Instant.now());
        assertThat(status().get("files").findValuesAsText("file")).noneMatch(f -> f.contains("hidden"));
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("deploymentItHidden").count())
                .isZero();
    }

    @Test
    void designersOperatorsAndAdminsMayReadTheStatusOthersMayNot() {
        var admin = http().bearer(API_KEY);
        for (String role : new String[] {"DESIGNER", "OPERATOR"}) {
            String key = admin.post("/api/v1/api-keys", "{\"name\":\"processes " + role + "\",\"roles\":[\"" + role
                    + "\"]}").json().get("secret").asText();
            assertThat(http().bearer(key).get("/api/v1/processes").status()).isEqualTo(200);
        }
        for (String role : new String[] {"INTEGRATION", "COMPLIANCE"}) {
            String key = admin.post("/api/v1/api-keys", "{\"name\":\"processes " + role + "\",\"roles\":[\"" + role
                    + "\"]}").json().get("secret").asText();
            assertThat(http().bearer(key).get("/api/v1/processes").status()).isEqualTo(403);
        }
        assertThat(http().get("/api/v1/processes").status()).isEqualTo(401);
    }

    private JsonNode awaitFile(String name, String state) {
        await().atMost(PATIENCE).until(() -> {
            JsonNode file = file(name);
            return file != null && file.get("state").asText().equals(state);
        });
        return file(name);
    }

    /**
     * Waits for a scan that began after {@code moment}, so whatever was written before has been seen: the second
     * scan to end after it began after the first one ended.
     */
    private void awaitScanAfter(Instant moment) {
        awaitScanEndingAfter(awaitScanEndingAfter(moment));
    }

    private Instant awaitScanEndingAfter(Instant moment) {
        return await().atMost(PATIENCE).until(() -> {
            JsonNode lastScan = status().get("lastScan");
            return lastScan.isNull() ? Instant.EPOCH : Instant.parse(lastScan.asText());
        }, scan -> scan.isAfter(moment));
    }

    private static JsonNode problemContaining(JsonNode file, String message) {
        for (JsonNode problem : file.get("problems")) {
            if (problem.get("message").asText().contains(message)) {
                return problem;
            }
        }
        throw new AssertionError("no problem says " + message + ": " + file);
    }

    private long deploymentsOf(String name) {
        return repository.createDeploymentQuery().deploymentName(name).count();
    }

    private JsonNode file(String name) {
        for (JsonNode file : status().get("files")) {
            if (file.get("file").asText().equals(name)) {
                return file;
            }
        }
        return null;
    }

    private JsonNode status() {
        var reply = http().bearer(API_KEY).get("/api/v1/processes");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void write(String name, String content) throws IOException {
        Path file = Path.of(PROCESSES, name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
