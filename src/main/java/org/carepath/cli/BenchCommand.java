package org.carepath.cli;

import java.io.PrintStream;
import java.util.List;

/** Placeholder replaced below. */
public final class BenchCommand {
    private final PrintStream out;

    public BenchCommand(PrintStream out) {
        this.out = out;
    }

    public int run(List<String> args) {
        out.println("bench: not built yet");
        return 2;
    }
}
