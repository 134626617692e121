package org.carepath.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final String BENCH_KEY = "cpk_bench-only-key";

    private final PrintStream out;

    HttpBench(PrintStream out) {
        this.out = out;
    }

    void run(List<String> workload, int seconds, int threads, String url, String key, Path rules) {
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
            measure(workload, seconds, threads, url, key);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private ConfigurableApplicationContext startServer(Path rules) {
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

    private void measure(List<String> workload, int seconds, int threads, String url, String key) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI target = URI.create(url + "/api/v1/decisions");
        List<HttpRequest> requests = workload.stream().map(json -> HttpRequest.newBuilder(target)
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build()).toList();
        int warmup = Math.max(3, seconds / 2);
        out.printf("HTTP, %d client threads, POST %s, %d s warm-up then %d s measured%n", threads, target, warmup,
                seconds);
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread worker = new Thread(() -> {
                long i = offset;
                while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        return;
                    }
                    boolean measured = start >= warmEnd;
                    try {
                        HttpResponse<byte[]> response = client.send(requests.get((int) (i++ % requests.size())),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (measured) {
                            (response.statusCode() == 200 ? ok : failed).incrementAndGet();
                            recorder.recordValue(System.nanoTime() - start);
                        }
                    } catch (Exception e) {
                        if (measured) {
                            failed.incrementAndGet();
                        }
                    }
                }
            });
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
}
