package org.carepath.compliance.casetest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.carepath.compliance.decision.ContractJson;

/** Reads rule test cases from YAML files, or from every {@code .yaml}/{@code .yml} below a folder. */
public final class RuleCaseFiles {

    private RuleCaseFiles() {
    }

    public static List<RuleCase> load(Path fileOrFolder) {
        List<RuleCase> cases = new ArrayList<>();
        for (Path file : files(fileOrFolder)) {
            cases.addAll(loadFile(file));
        }
        return cases;
    }

    static List<Path> files(Path fileOrFolder) {
        if (Files.isRegularFile(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        if (!Files.isDirectory(fileOrFolder)) {
            throw new IllegalArgumentException("no such file or folder: " + fileOrFolder);
        }
        try (Stream<Path> paths = Files.walk(fileOrFolder)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<RuleCase> loadFile(Path file) {
        JsonNode root;
        try {
            root = ContractJson.yaml().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode list = root == null ? null : root.get("cases");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(file + ": expected a top-level 'cases:' list");
        }
        List<RuleCase> cases = new ArrayList<>();
        int index = 0;
        for (JsonNode node : list) {
            index++;
            String name = node.hasNonNull("name") ? node.get("name").asText() : "case " + index;
            cases.add(new RuleCase(file.toString(), name, node.get("given"), node.get("expect")));
        }
        return cases;
    }
}
