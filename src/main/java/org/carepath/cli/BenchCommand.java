package org.carepath.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.carepath.compliance.DecisionFacts;
import org.carepath.compliance.casetest.RuleCase;
import org.carepath.compliance.casetest.RuleCaseFiles;
import org.carepath.compliance.casetest.RuleCaseRunner;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.compliance.decision.DecisionRequest;
import org.carepath.compliance.rulebook.DecisionEngine;
import org.carepath.compliance.rulebook.RuleCompiler;
import org.carepath.compliance.rulebook.RuleSet;
import org.carepath.compliance.rulebook.RuleSource;
import org.HdrHistogram.Histogram;

/**
 * {@code bench [decisions|http|all] [--seconds N] [--threads N] [--url URL --key KEY]}: measures decisions
 * with the default rule book, in-process on one thread and through HTTP, and prints the figures. The
 * workload is every case of rules/tests, round-robin, so it exercises every rule.
 * {@code bench import [--patients N]} times a FHIR bundle import instead (see {@link ImportBench});
 * {@code bench campaign} a campaign of 10,000 patients (see {@link CampaignBench}); {@code bench delivery
 * --sink HOST:PORT ...} delivery into an SMTP sink (see {@link DeliveryBench}).
 */
public final class BenchCommand {

    private final PrintStream out;

    public BenchCommand(PrintStream out) {
        this.out = out;
    }

    public int run(List<String> args) {
        if (args.contains("delivery")) {
            return delivery(args);
        }
        Map<String, String> options = new HashMap<>();
        String mode = "all";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && i + 1 < args.size()) {
                options.put(arg.substring(2), args.get(++i));
            } else if (!arg.startsWith("--")) {
                mode = arg;
            } else {
                out.println("usage: carepath bench [decisions|http|all] [--workload cases|typical] [--seconds N] "
                        + "[--warmup N] [--threads N] [--rules DIR] [--url URL --key API_KEY]");
                out.println("       carepath bench import [--patients N] [--rules DIR] [--url URL --key API_KEY]");
                out.println("       carepath bench campaign [--patients N] [--process FILE.bpmn] [--savepoints true|false]"
                        + " [--batch N] [--jobs-per-acquisition N] [--timeout SECONDS] [--authorize true|false]");
                out.println("       " + DeliveryBenchOptions.USAGE.substring("usage: ".length()));
                return 2;
            }
        }
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        Path rules = Path.of(options.getOrDefault("rules", "rules"));
        out.printf("carepath bench: %d cores, Java %s, rules in %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), rules.toAbsolutePath());
        if (mode.equals("import")) {
            return new ImportBench(out).run(Integer.parseInt(options.getOrDefault("patients", "1000")),
                    options.get("url"), options.get("key"), rules);
        }
        if (mode.equals("campaign")) {
            return new CampaignBench(out).run(new CampaignBench.Options(
                    Integer.parseInt(options.getOrDefault("patients", "10000")), options.get("process"), rules,
                    Boolean.parseBoolean(options.getOrDefault("savepoints", "false")),
                    Integer.parseInt(options.getOrDefault("batch", "250")),
                    Integer.parseInt(options.getOrDefault("jobs-per-acquisition", "3")),
                    Integer.parseInt(options.getOrDefault("timeout", "900")),
                    Boolean.parseBoolean(options.getOrDefault("authorize", "false"))));
        }
        String workloadName = options.getOrDefault("workload", "cases");
        List<String> workload;
        try {
            workload = workloadName.equals("typical") ? typicalWorkload() : workload(rules.resolve("tests"));
        } catch (IllegalArgumentException e) {
            out.println("bench: " + e.getMessage() + " (run it from the project folder, or give --rules DIR)");
            return 1;
        }
        out.printf("Workload '%s': %d distinct requests, round-robin%n", workloadName, workload.size());
        if (mode.equals("decisions") || mode.equals("all")) {
            inProcess(rules, workload, seconds);
            if (options.containsKey("threads")) {
                concurrent(rules, workload, seconds, Integer.parseInt(options.get("threads")));
            }
        }
        if (mode.equals("http") || mode.equals("all")) {
            int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
            // the JIT needs minutes of load on two cores before a server runs at its steady rate (measured:
            // 1,566/s averaged over the first minute, 4,297/s after three)
            int warmup = Integer.parseInt(options.getOrDefault("warmup", "120"));
            new HttpBench(out).run(workload, seconds, warmup, threads, options.get("url"), options.get("key"),
                    rules);
        }
        return 0;
    }

    /** {@code bench delivery}: its own options (a sink, a trust store, repeatable --property), see {@link DeliveryBench}. */
    private int delivery(List<String> args) {
        DeliveryBenchOptions options;
        try {
            options = DeliveryBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("bench delivery: " + e.getMessage());
            out.println(DeliveryBenchOptions.USAGE);
            return 2;
        }
        out.printf("carepath bench delivery: %d cores, Java %s, sink %s:%d%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), options.sinkHost(),
                options.sinkPort());
        return new DeliveryBench(out).run(options);
    }

    private void inProcess(Path folder, List<String> workload, int seconds) {
        RuleCompiler.Result compiled = RuleCompiler.compile(RuleSource.read(folder));
        if (!(compiled instanceof RuleCompiler.Compiled c)) {
            throw new IllegalStateException("the rules do not compile: run 'rules check'");
        }
        RuleSet rules = c.ruleSet();
        List<DecisionFacts> facts = new ArrayList<>();
        for (String json : workload) {
            try {
                facts.add(ContractJson.json().readValue(json, DecisionRequest.class).facts()
                        .sendingAtIfUnset(RuleCaseRunner.DEFAULT_SEND_AT));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        out.printf("In-process, one thread, %d s warm-up then %d s measured%n", Math.max(3, seconds / 2), seconds);
        loop(rules, facts, Math.max(3, seconds / 2), new Histogram(3));
        Histogram latency = new Histogram(3);
        long count = loop(rules, facts, seconds, latency);
        out.printf("  decisions/s: %,.0f%n", count / (double) seconds);
        out.printf("  latency µs: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0);
    }

    /** Many callers at once, as under HTTP load: shows what sharing the rule sessions costs. */
    private void concurrent(Path folder, List<String> workload, int seconds, int threads) {
        RuleSet rules = ((RuleCompiler.Compiled) RuleCompiler.compile(RuleSource.read(folder))).ruleSet();
        List<DecisionFacts> facts = workload.stream().map(BenchCommand::facts).toList();
        java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                loop(rules, facts, Math.max(3, seconds / 2), new Histogram(3));
                total.addAndGet(loop(rules, facts, seconds, new Histogram(3)));
            });
            worker.start();
            workers.add(worker);
        }
        workers.forEach(w -> {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        out.printf("In-process, %d threads: decisions/s: %,.0f%n", threads, total.get() / (double) seconds);
    }

    private static DecisionFacts facts(String json) {
        try {
            return ContractJson.json().readValue(json, DecisionRequest.class).facts()
                    .sendingAtIfUnset(RuleCaseRunner.DEFAULT_SEND_AT);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long loop(RuleSet rules, List<DecisionFacts> facts, int seconds, Histogram latency) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long count = 0;
        int size = facts.size();
        while (true) {
            long start = System.nanoTime();
            if (start >= end) {
                return count;
            }
            DecisionEngine.evaluate(rules, facts.get((int) (count % size)));
            latency.recordValue(System.nanoTime() - start);
            count++;
        }
    }

    /** Four requests of the shapes integrations send most (src/main/resources/bench/typical.yaml). */
    static List<String> typicalWorkload() {
        try (var in = BenchCommand.class.getResourceAsStream("/bench/typical.yaml")) {
            Path file = java.nio.file.Files.createTempFile("typical", ".yaml");
            java.nio.file.Files.write(file, in.readAllBytes());
            return workload(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The {@code given} of every case, as the JSON a client would post. */
    static List<String> workload(Path cases) {
        List<String> requests = new ArrayList<>();
        for (RuleCase ruleCase : RuleCaseFiles.load(cases)) {
            try {
                DecisionRequest request = ContractJson.json().treeToValue(ruleCase.given(), DecisionRequest.class);
                requests.add(ContractJson.json().writeValueAsString(request));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(ruleCase.file() + ": " + ruleCase.name(), e);
            }
        }
        return requests;
    }
}
