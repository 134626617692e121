package org.carepath.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.carepath.journey.deployment.ProcessFile;
import org.carepath.journey.deployment.ProcessFileCheck;
import org.carepath.journey.deployment.ProcessFolder;
import org.carepath.journey.deployment.ProcessProblem;

/**
 * {@code processes check [DIR]}: the designers' check of the processes folder, for their CI, without a server.
 * Exit 0: no problem found; 1: problems; 2: the command was used wrongly.
 */
public final class ProcessesCommand {

    static final String USAGE = """
            usage: carepath processes check [PROCESSES_DIR]
            PROCESSES_DIR defaults to ./processes""";

    private final PrintStream out;
    private final PrintStream err;

    public ProcessesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("check") || args.size() > 2) {
            err.println(USAGE);
            return 2;
        }
        Path folder = Path.of(args.size() == 2 ? args.get(1) : "processes");
        List<ProcessFile> files;
        try {
            files = ProcessFolder.read(folder);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        int problems = 0;
        for (ProcessFile file : files) {
            for (ProcessProblem problem : ProcessFileCheck.check(file)) {
                problems++;
                out.println(folder.resolve(problem.file()) + ":" + problem.line() + ":" + problem.column() + ": "
                        + problem.message());
            }
        }
        if (problems > 0) {
            out.println(problems + " problem(s) in " + folder);
            return 1;
        }
        out.println("OK " + folder + ": " + files.size() + " file(s)");
        return 0;
    }
}
