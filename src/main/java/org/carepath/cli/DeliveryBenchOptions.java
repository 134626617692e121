package org.carepath.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code bench delivery}: where the SMTP sink listens and which CA it is trusted by, how many
 * messages on how many threads, the warm-up, the paths to measure, and properties passed through to the
 * server (repeatable {@code --property k=v}, e.g. worker settings while the delivery worker changes).
 */
record DeliveryBenchOptions(String sinkHost, int sinkPort, Path trustStore, String trustStorePassword,
                            int messages, int threads, int warmup, List<String> paths, Path rules,
                            Map<String, String> properties) {

    static final List<String> ALL_PATHS = List.of("plain", "tls", "smime", "pgp");

    static final String USAGE = "usage: carepath bench delivery --sink HOST:PORT --trust-store FILE.p12"
            + " --trust-store-password P [--messages N] [--threads T] [--warmup W]"
            + " [--paths plain,tls,smime,pgp] [--rules DIR] [--property key=value ...]";

    DeliveryBenchOptions {
        paths = List.copyOf(paths);
        properties = Map.copyOf(properties);
    }

    /** Parses the words after {@code bench delivery}; a mistake is an IllegalArgumentException that says which. */
    static DeliveryBenchOptions parse(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("delivery")) {
                continue;
            }
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = args.get(++i);
            if (name.equals("property")) {
                int equals = value.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--property wants key=value, not '" + value + "'");
                }
                properties.put(value.substring(0, equals), value.substring(equals + 1));
            } else {
                options.put(name, value);
            }
        }
        String sink = required(options, "sink");
        int colon = sink.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--sink wants HOST:PORT, not '" + sink + "'");
        }
        List<String> paths = new ArrayList<>();
        for (String path : options.getOrDefault("paths", String.join(",", ALL_PATHS)).split(",")) {
            if (!ALL_PATHS.contains(path.strip())) {
                throw new IllegalArgumentException("unknown path '" + path.strip() + "'; expected some of "
                        + ALL_PATHS);
            }
            paths.add(path.strip());
        }
        DeliveryBenchOptions parsed = new DeliveryBenchOptions(sink.substring(0, colon),
                positive(sink.substring(colon + 1), "the sink's port"),
                Path.of(required(options, "trust-store")), required(options, "trust-store-password"),
                positive(options.getOrDefault("messages", "10000"), "--messages"),
                positive(options.getOrDefault("threads", "4"), "--threads"),
                nonNegative(options.getOrDefault("warmup", "2000"), "--warmup"), paths,
                Path.of(options.getOrDefault("rules", "rules")), properties);
        options.keySet().removeAll(List.of("sink", "trust-store", "trust-store-password", "messages", "threads",
                "warmup", "paths", "rules"));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + options.keySet().iterator().next());
        }
        return parsed;
    }

    boolean measures(String path) {
        return paths.contains(path);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int positive(String text, String what) {
        int value = nonNegative(text, what);
        if (value == 0) {
            throw new IllegalArgumentException(what + " must be more than 0");
        }
        return value;
    }

    private static int nonNegative(String text, String what) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + text + "'");
        }
    }
}
