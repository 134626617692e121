package org.carepath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.carepath.journey.deployment.TestBpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesCommandTest {

    @TempDir
    Path processes;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new ProcessesCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void goodFilesPass() throws IOException {
        write("journeys/welcome.bpmn", TestBpmn.process("welcome", "Welcome"));
        assertThat(run("check", processes.toString())).as(output()).isZero();
        assertThat(output()).startsWith("OK " + processes + ": 1 file(s)");
    }

    @Test
    void problemsAreReportedAsFileLineAndColumn() throws IOException {
        write("broken.bpmn", TestBpmn.flowToMissingElement("broken"));
        write("malformed.bpmn", TestBpmn.malformed("malformed"));
        write("no-ttl.bpmn", TestBpmn.process("noTtl", "x").replace(" camunda:historyTimeToLive=\"P1D\"", ""));
        assertThat(run("check", processes.toString())).isOne();
        assertThat(output()).contains(processes.resolve("broken.bpmn") + ":12:0: cvc-id.1: ")
                .contains("'nowhere'")
                // the schema check objects first, where the unclosed start event swallows the next flow
                .contains(processes.resolve("malformed.bpmn") + ":7:0: cvc-complex-type.2.4.a: ")
                .contains(processes.resolve("no-ttl.bpmn") + ":0:0: process 'noTtl' has no camunda:historyTimeToLive")
                .contains("3 problem(s) in " + processes);
    }

    @Test
    void dotFoldersAreSkippedAndWrongUseIsExitTwo() throws IOException {
        write(".camunda/element-templates/broken.bpmn", "not xml");
        assertThat(run("check", processes.toString())).isZero();
        assertThat(run("deploy")).isEqualTo(2);
        assertThat(run("check", processes.resolve("missing").toString())).isOne();
    }

    private void write(String name, String content) throws IOException {
        Path file = processes.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
