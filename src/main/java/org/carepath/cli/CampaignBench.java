package org.carepath.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ca.uhn.fhir.context.FhirContext;
import org.camunda.bpm.engine.RepositoryService;
import org.carepath.CarepathApplication;
import org.carepath.compliance.Authorization;
import org.carepath.compliance.AuthorizationStatements;
import org.carepath.compliance.PhiCategory;
import org.carepath.compliance.Purpose;
import org.carepath.consent.AuthorizationRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bench campaign}: a server on a clean embedded PostgreSQL under target/, N patients imported, one
 * journey deployed ({@code --process FILE}, default the bundled {@code bench/campaign-journey.bpmn}: async start,
 * a send step that queues a message, a wait), then one campaign for all of them through
 * {@code POST /api/v1/campaigns}. Reports instances started per second (from the approval until every member is
 * STARTED) and, when the journey sends, messages handed to delivery per second (rows in the outbox). The
 * delivery worker is held back, so the figure is the hand-off, not SMTP.
 */
final class CampaignBench {

    private static final String BUNDLED = "/bench/campaign-journey.bpmn";

    private final PrintStream out;

    CampaignBench(PrintStream out) {
        this.out = out;
    }

    /** {@code authorize}: record a signed authorization for the campaign for every patient (real journeys send). */
    record Options(int patients, String process, Path rules, boolean savepoints, int batchSize, int jobsPerAcquisition,
                   int timeoutSeconds, boolean authorize) {
    }

    int run(Options options) {
        ConfigurableApplicationContext server = start(options);
        try {
            String url = "http://localhost:" + ((WebServerApplicationContext) server).getWebServer().getPort();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            long importStart = System.nanoTime();
            String bundle = server.getBean(FhirContext.class).newJsonParser()
                    .encodeResourceToString(ImportBench.bundle(options.patients()));
            HttpResponse<String> imported = post(client, url + "/api/v1/imports/fhir", "application/fhir+json",
                    bundle);
            out.printf("Imported %,d patients in %.1f s (HTTP %d)%n", options.patients(),
                    seconds(importStart), imported.statusCode());
            if (options.authorize()) {
                long authorizing = System.nanoTime();
                authorizeAll(server.getBean(AuthorizationRegistry.class), options.patients());
                out.printf("Recorded %,d campaign authorizations in %.1f s%n", options.patients(),
                        seconds(authorizing));
            }
            String key = deploy(server.getBean(RepositoryService.class), options.process());
            String ids = IntStream.rangeClosed(1, options.patients()).mapToObj(i -> "\"bench-" + i + "\"")
                    .collect(Collectors.joining(","));
            String campaign = """
                    { "campaignId": "bench-campaign", "process": "%s", "patientIds": [%s],
                      "communication": { "purpose": "PROMOTION", "sponsor": "Acme Pharma", "remuneration": "NONE",
                                         "encouragesPurchaseOrUse": true, "phiUsed": ["CONDITIONS"] } }"""
                    .formatted(key, ids);
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            String officer = complianceKey(client, url);
            long posted = System.nanoTime();
            HttpResponse<String> accepted = post(client, url + "/api/v1/campaigns", "application/json", campaign);
            double postSeconds = seconds(posted);
            if (accepted.statusCode() != 202) {
                out.println("The campaign was refused: HTTP " + accepted.statusCode() + " " + accepted.body());
                return 1;
            }
            out.printf("POST /api/v1/campaigns for %,d patients answered 202 in %.2f s%n", options.patients(),
                    postSeconds);
            // four eyes: a compliance officer's own key approves; the launch is timed from the approval
            long start = System.nanoTime();
            HttpResponse<String> approved = post(client, url + "/api/v1/campaigns/bench-campaign/approval",
                    "application/json", "{\"approved\": true}", officer);
            if (approved.statusCode() != 200) {
                out.println("The approval was refused: HTTP " + approved.statusCode() + " " + approved.body());
                return 1;
            }
            return measure(jdbc, start, options);
        } finally {
            server.close();
        }
    }

    private int measure(JdbcTemplate jdbc, long start, Options options) {
        long deadline = start + options.timeoutSeconds() * 1_000_000_000L;
        double allStarted = -1;
        double lastMessage = -1;
        double firstMessage = -1;
        long messages = 0;
        long started = 0;
        long lastGrowth = System.nanoTime();
        long lastPrint = System.nanoTime();
        while (System.nanoTime() < deadline) {
            started = count(jdbc, "select count(*) from carepath.campaign_member where state <> 'PENDING'");
            long now = count(jdbc, "select count(*) from carepath.outbox_message");
            if (now > 0 && firstMessage < 0) {
                firstMessage = seconds(start);
            }
            if (now > messages) {
                messages = now;
                lastMessage = seconds(start);
                lastGrowth = System.nanoTime();
            }
            if (allStarted < 0 && started == options.patients()) {
                allStarted = seconds(start);
            }
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                out.printf("  %5.1f s: %,d members settled, %,d messages queued%n", seconds(start), started, messages);
                lastPrint = System.nanoTime();
            }
            boolean sendsDone = messages >= options.patients()
                    || (allStarted >= 0 && System.nanoTime() - lastGrowth > 15_000_000_000L);
            if (allStarted >= 0 && sendsDone) {
                break;
            }
            sleep();
        }
        long failed = count(jdbc, "select count(*) from carepath.campaign_member where state in ('FAILED', 'SKIPPED')");
        if (allStarted < 0) {
            out.printf("Timed out after %d s: %,d of %,d members settled%n", options.timeoutSeconds(), started,
                    options.patients());
            return 1;
        }
        out.printf("Instances started: %,d in %.2f s = %,.0f instances/s (from the approval; %,d failed or skipped)%n",
                started - failed, allStarted, (started - failed) / allStarted, failed);
        if (messages > 0) {
            out.printf("Messages handed to delivery: %,d in %.2f s = %,.0f messages/s (from the approval;"
                    + " first at %.2f s)%n", messages, lastMessage, messages / lastMessage, firstMessage);
        } else {
            out.println("Messages handed to delivery: none (the journey queued nothing in the outbox)");
        }
        return 0;
    }

    private ConfigurableApplicationContext start(Options options) {
        try {
            Path var = Path.of("target", "bench-campaign");
            Files.createDirectories(var);
            out.printf("Starting a server on a clean embedded PostgreSQL in %s (savepoint per start: %s, batch %d,"
                    + " jobs per acquisition %d)%n", var.toAbsolutePath(), options.savepoints(), options.batchSize(),
                    options.jobsPerAcquisition());
            List<String> args = new ArrayList<>(List.of("--server.port=0",
                    "--carepath.var-dir=" + var.toAbsolutePath(), "--carepath.embedded-postgres.clean=true",
                    "--carepath.rules.dir=" + options.rules().toAbsolutePath(),
                    "--carepath.api-key=" + HttpBench.BENCH_KEY, "--carepath.admin-password=bench-only-password",
                    "--carepath.demo-data=false", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                    // the hand-off to delivery is measured, not SMTP: the worker stays idle after its first pass
                    "--carepath.delivery.poll-interval=1h",
                    "--carepath.campaigns.savepoint-per-start=" + options.savepoints(),
                    "--carepath.campaigns.batch-size=" + options.batchSize(),
                    "--camunda.bpm.job-execution.max-jobs-per-acquisition=" + options.jobsPerAcquisition()));
            SpringApplication app = new SpringApplication(CarepathApplication.class, BenchSendMessage.class);
            return app.run(args.toArray(String[]::new));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String deploy(RepositoryService repository, String file) {
        try (InputStream bpmn = file == null ? CampaignBench.class.getResourceAsStream(BUNDLED)
                : Files.newInputStream(Path.of(file))) {
            String name = file == null ? "campaign-journey.bpmn" : Path.of(file).getFileName().toString();
            String deployment = repository.createDeployment().name("bench campaign").addInputStream(name, bpmn)
                    .deploy().getId();
            String key = repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult().getKey();
            out.printf("Deployed %s (process %s)%n", file == null ? "bundled " + BUNDLED : file, key);
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /**
     * For a journey that asks the rules (the shipped promotion-campaign), each patient signs an authorization
     * for this campaign and sponsor, so that the rules send and the hand-off to delivery is measured.
     */
    private static void authorizeAll(AuthorizationRegistry registry, int patients) {
        Instant signed = Instant.now().minus(Duration.ofDays(30));
        Instant expires = Instant.now().plus(Duration.ofDays(365));
        List<PhiCategory> information = List.of(PhiCategory.DEMOGRAPHICS, PhiCategory.CONDITIONS);
        for (int i = 1; i <= patients; i++) {
            registry.record(new Authorization("bench-auth-" + i, "bench-" + i, signed, "signed", null, information,
                    List.of("Riverside Clinic"), List.of("Riverside Clinic", "Acme Pharma"), List.of(Purpose.PROMOTION),
                    List.of("bench-campaign"), List.of("Acme Pharma"), expires, null, false,
                    new AuthorizationStatements(true, true, true, true), true, false, false, null, false),
                    "bench");
        }
    }

    /** A second principal, a compliance officer, for the campaign's approval. */
    private static String complianceKey(HttpClient client, String url) {
        HttpResponse<String> issued = post(client, url + "/api/v1/api-keys", "application/json",
                "{\"name\": \"bench compliance officer\", \"roles\": [\"COMPLIANCE\"]}");
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(issued.body());
        if (issued.statusCode() != 201 || !secret.find()) {
            throw new IllegalStateException("could not issue a compliance key: HTTP " + issued.statusCode());
        }
        return secret.group(1);
    }

    private static HttpResponse<String> post(HttpClient client, String url, String type, String body) {
        return post(client, url, type, body, HttpBench.BENCH_KEY);
    }

    private static HttpResponse<String> post(HttpClient client, String url, String type, String body, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer "
                + key).header("Content-Type", type).timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the request to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
