package org.carepath.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.carepath.compliance.casetest.RuleCase;
import org.carepath.compliance.casetest.RuleCaseFiles;
import org.carepath.compliance.casetest.RuleCaseRunner;
import org.carepath.compliance.rulebook.RuleCompiler;
import org.carepath.compliance.rulebook.RuleSource;

/**
 * {@code rules check [DIR]} and {@code rules test [--rules DIR] [FILE_OR_DIR ...]}: the compliance team's
 * tools, for their editors and their CI, without starting the server. Exit 0: all good; 1: errors or
 * failing cases; 2: the command was used wrongly.
 */
public final class RulesCommand {

    static final String USAGE = """
            usage: carepath rules check [RULES_DIR]
                   carepath rules test [--rules RULES_DIR] [CASE_FILE_OR_DIR ...]
            RULES_DIR defaults to ./rules, cases to RULES_DIR/tests""";

    private final PrintStream out;
    private final PrintStream err;

    public RulesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        try {
            return switch (args.get(0)) {
                case "check" -> check(args.subList(1, args.size()));
                case "test" -> test(args.subList(1, args.size()));
                default -> {
                    err.println("unknown rules command: " + args.get(0));
                    err.println(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int check(List<String> args) {
        if (args.size() > 1) {
            err.println(USAGE);
            return 2;
        }
        Path folder = Path.of(args.isEmpty() ? "rules" : args.get(0));
        RuleCompiler.Result result = RuleCompiler.compile(RuleSource.read(folder));
        if (result instanceof RuleCompiler.Rejected rejected) {
            printProblems(folder, rejected);
            out.println(rejected.problems().size() + " error(s); the rules in " + folder + " do not compile");
            return 1;
        }
        var rules = ((RuleCompiler.Compiled) result).ruleSet();
        out.println("OK " + folder + ": " + rules.source().files().size() + " files, " + rules.ruleCount()
                + " rules, " + rules.version());
        return 0;
    }

    private int test(List<String> args) {
        Path folder = Path.of("rules");
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--rules")) {
                if (i + 1 >= args.size()) {
                    err.println(USAGE);
                    return 2;
                }
                folder = Path.of(args.get(++i));
            } else {
                targets.add(Path.of(args.get(i)));
            }
        }
        if (targets.isEmpty()) {
            targets.add(folder.resolve("tests"));
        }
        RuleCompiler.Result compiled = RuleCompiler.compile(RuleSource.read(folder));
        if (compiled instanceof RuleCompiler.Rejected rejected) {
            printProblems(folder, rejected);
            out.println("the rules do not compile; no case was run");
            return 1;
        }
        var rules = ((RuleCompiler.Compiled) compiled).ruleSet();
        int passed = 0;
        int failed = 0;
        for (Path target : targets) {
            for (RuleCase ruleCase : RuleCaseFiles.load(target)) {
                RuleCaseRunner.Result result = RuleCaseRunner.run(rules, ruleCase);
                if (result.passed()) {
                    passed++;
                } else {
                    failed++;
                    out.print(result.describe());
                }
            }
        }
        out.println("rules " + rules.version());
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private void printProblems(Path folder, RuleCompiler.Rejected rejected) {
        rejected.problems().forEach(p -> out.println(folder.resolve(p.file()) + ":" + p.line() + ": " + p.message()));
    }
}
