package org.carepath.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Drives the HTTP benchmark with wrk (Debian package {@code wrk}) when it is installed: a load generator in C
 * costs a fraction of the CPU of a Java one, and on two shared cores every cycle the client spends is one the
 * server does not get.
 */
final class WrkLoad {

    private WrkLoad() {
    }

    static boolean available() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs wrk for a warm-up and then the measured period, printing wrk's own figures for the latter. */
    static void run(PrintStream out, String url, String key, List<String> bodies, int connections, int warmup,
                    int seconds) {
        try {
            Path script = Files.createTempFile("carepath-bench", ".lua");
            Files.writeString(script, script(key, bodies), StandardCharsets.UTF_8);
            out.printf("HTTP with wrk, %d connections on 2 threads, POST %s/api/v1/decisions, %d s warm-up then %d s"
                    + " measured%n", connections, url, warmup, seconds);
            wrk(script, url, connections, warmup);
            String report = wrk(script, url, connections, seconds);
            report.lines().filter(l -> l.contains("Requests/sec") || l.contains("Non-2xx")
                            || l.matches("\\s+(50|99)%.*") || l.contains("requests in"))
                    .forEach(l -> out.println("  " + l.strip()));
            Files.deleteIfExists(script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String wrk(Path script, String url, int connections, int seconds) throws IOException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), url + "/api/v1/decisions").redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            wrk.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return output;
    }

    /** A Lua script that posts the bodies round-robin; Lua long brackets need no escaping of JSON. */
    private static String script(String key, List<String> bodies) {
        String list = bodies.stream().map(b -> "[==[" + b + "]==]").collect(Collectors.joining(",\n"));
        return "local bodies = {\n" + list + "\n}\n"
                + "local headers = { [\"Content-Type\"] = \"application/json\", [\"Authorization\"] = \"Bearer "
                + key + "\" }\n"
                + "local i = 0\n"
                + "request = function()\n  i = i % #bodies + 1\n"
                + "  return wrk.format(\"POST\", nil, headers, bodies[i])\nend\n";
    }
}
