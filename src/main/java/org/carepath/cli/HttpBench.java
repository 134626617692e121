package org.carepath.cli;

import java.io.PrintStream;
import java.net.URI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.carepath.CarepathApplication;
import org.HdrHistogram.Recorder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Decisions through HTTP: many client threads posting {@code /api/v1/decisions} with an API key, each
 * decision stored as in production. Without {@code --url} it starts a server of its own on a fresh
 * embedded PostgreSQL in a temporary folder, so the figure includes the database.
 */
final class HttpBench {

    static final String BENCH_KEY = "cpk_bench-only-key";

    private final PrintStream out;

    HttpBench(PrintStream out) {
        this.out = out;
    }

    void run(List<String> workload, int seconds, int warmup, int threads, String url, String key, Path rules) {
        ConfigurableApplicationContext server = null;
        try {
            if (url == null) {
                server = startServer(rules);
                url = "http://localhost:" + ((WebServerApplicationContext) server).getWebServer().getPort();
                key = BENCH_KEY;
            }
            if (key == null) {
                throw new IllegalArgumentException("--url needs --key API_KEY");
            }
            if (WrkLoad.available()) {
                WrkLoad.run(out, url, key, workload, threads, warmup, seconds);
            } else {
                out.println("(wrk is not installed: measuring with a Java client in this process, which takes"
                        + " CPU from the server; apt-get install wrk for the server's own figure)");
                measure(workload, seconds, warmup, threads, url, key);
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    ConfigurableApplicationContext startServer(Path rules) {
        try {
            Path var = Files.createTempDirectory("carepath-bench");
            out.println("Starting a server on a fresh embedded PostgreSQL in " + var);
            return SpringApplication.run(CarepathApplication.class,
                    "--server.port=0", "--carepath.var-dir=" + var, "--carepath.embedded-postgres.clean=true",
                    "--carepath.rules.dir=" + rules.toAbsolutePath(), "--carepath.api-key=" + BENCH_KEY,
                    "--carepath.admin-password=bench-only-password", "--logging.level.root=WARN",
                    "--spring.main.banner-mode=off");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void measure(List<String> workload, int seconds, int warmup, int threads, String url, String key) {
        URI target = URI.create(url + "/api/v1/decisions");
        List<byte[]> requests = workload.stream()
                .map(json -> KeepAliveClient.post(target, "Bearer " + key, json)).toList();
        out.printf("HTTP, %d kept-alive connections, POST %s, %d s warm-up then %d s measured%n", threads, target,
                warmup, seconds);
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread worker = new Thread(() -> load(target, requests, offset, warmEnd, end, recorder, ok, failed));
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        var latency = recorder.getIntervalHistogram();
        out.printf("  decisions/s: %,.0f  (%,d answered 200, %,d failed)%n", ok.get() / (double) seconds, ok.get(),
                failed.get());
        out.printf("  latency ms: p50 %.2f  p99 %.2f  max %.2f%n", latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
    }

    private static void load(URI target, List<byte[]> requests, int offset, long warmEnd, long end,
                             Recorder recorder, AtomicLong ok, AtomicLong failed) {
        long i = offset;
        KeepAliveClient client = null;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            boolean measured = start >= warmEnd;
            try {
                if (client == null) {
                    client = new KeepAliveClient(target);
                }
                int status = client.send(requests.get((int) (i++ % requests.size())));
                if (measured) {
                    (status == 200 ? ok : failed).incrementAndGet();
                    recorder.recordValue(System.nanoTime() - start);
                }
                if (client.closedByServer()) {
                    closeQuietly(client);
                    client = null;
                }
            } catch (IOException | RuntimeException e) {
                if (measured) {
                    failed.incrementAndGet();
                }
                closeQuietly(client);
                client = null;
            }
        }
        closeQuietly(client);
    }

    private static void closeQuietly(KeepAliveClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
        }
    }
}
