package org.carepath.compliance.rulebook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Compiles a {@link RuleSource} with the classic DRL compiler, which reports errors with their lines
 * (the executable model reports them at line -1).
 */
public final class RuleCompiler {

    private static final String RESOURCE_ROOT = "src/main/resources/";
    /** The default rule book's package, as a folder: Drools warns when the two differ. */
    private static final String PACKAGE_FOLDER = "org/carepath/rules/";
    private static final AtomicLong BUILDS = new AtomicLong();

    private RuleCompiler() {
    }

    /** The compiled rule set, or the problems that stop it compiling. */
    public sealed interface Result permits Compiled, Rejected {
    }

    public record Compiled(RuleSet ruleSet) implements Result {
    }

    public record Rejected(RuleSource source, List<RuleProblem> problems) implements Result {
    }

    public static Result compile(RuleSource source) {
        if (source.files().isEmpty()) {
            return new Rejected(source, List.of(new RuleProblem("(rules folder)", 0, 0, "no .drl files")));
        }
        KieServices services = KieServices.Factory.get();
        // every build needs its own release id: a KieContainer caches by it
        ReleaseId releaseId = services.newReleaseId("org.carepath.rules", "rulebook",
                "1.0." + BUILDS.incrementAndGet());
        KieFileSystem fileSystem = services.newKieFileSystem();
        fileSystem.generateAndWritePomXML(releaseId);
        Map<String, RuleFile> byResource = source.files().stream()
                .collect(Collectors.toMap(f -> PACKAGE_FOLDER + f.name(), Function.identity()));
        byResource.forEach((resource, file) -> fileSystem.write(RESOURCE_ROOT + resource, file.content()));

        KieBuilder builder = services.newKieBuilder(fileSystem).buildAll();
        List<RuleProblem> problems = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .map(m -> problem(m, byResource))
                .distinct()
                .toList();
        if (!problems.isEmpty()) {
            return new Rejected(source, problems);
        }
        var base = services.newKieContainer(releaseId).getKieBase();
        return new Compiled(new RuleSet(source, base));
    }

    private static RuleProblem problem(Message message, Map<String, RuleFile> byResource) {
        String path = message.getPath();
        RuleFile file = path == null ? null : byResource.get(path.startsWith(RESOURCE_ROOT)
                ? path.substring(RESOURCE_ROOT.length()) : path);
        String name = file != null ? file.name() : (path == null ? "(rule book)" : path);
        return new RuleProblem(name, Math.max(message.getLine(), 0), Math.max(message.getColumn(), 0),
                oneLine(message.getText()));
    }

    /** Drools' messages span lines with ASCII art; an officer reading a log wants the sentence. */
    private static String oneLine(String text) {
        return text == null ? "" : text.lines().map(String::strip).filter(l -> !l.isEmpty()
                && !l.equals("^") && !l.startsWith("[Near")).collect(Collectors.joining(" "));
    }
}
