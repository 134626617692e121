package org.carepath.delivery.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The acceptance test for "nothing lost": the real server jar in its own JVM, killed with SIGKILL in the
 * middle of delivering a batch, then started again. Its database is a PostgreSQL this test runs (as in
 * production, the database outlives the server). After the restart every message is delivered; a message
 * arrives twice only when it was being sent at the kill, and then with the same Message-ID.
 */
class WorkerCrashIT {

    private static final String KEY = "cpk_crash-test-key-with-every-role";
    private static final int MESSAGES = 240;
    private static final Path VAR = Path.of("target/crash-var");

    private EmbeddedPostgres postgres;
    private GreenMail smtp;
    private Process server;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aServerKilledMidBatchLosesNoMessageAndResendsOnlyWhatWasInFlight() throws Exception {
        deleteRecursively(VAR);
        postgres = EmbeddedPostgres.builder().setDataDirectory(VAR.resolve("postgres").toAbsolutePath())
                .setCleanDataDirectory(true).start();
        JdbcTemplate db = new JdbcTemplate(postgres.getPostgresDatabase());
        int smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        server = startServer(smtpPort, "first");
        api("PUT", "/api/v1/patients/crash-1", "{\"name\": \"Kim Crash\", \"email\": \"kim@crash.example\"}");
        // all due at one moment after they are queued, so that the kill finds the workers in full flow
        String dueAt = java.time.Instant.now().plusSeconds(30).toString();
        for (int i = 0; i < MESSAGES; i++) {
            api("POST", "/api/v1/messages", """
                    { "patientId": "crash-1", "template": "appointment-reminder", "reference": "crash-%d",
                      "variables": { "patientName": "Kim Crash", "appointmentDate": "12 December",
                                     "appointmentTime": "09:30", "clinician": "Dr Okafor", "location": "Clinic",
                                     "organisationPhone": "555-0100", "organisation": "Riverside Clinic" },
                      "communication": { "purpose": "APPOINTMENT_REMINDER", "sendAt": "%s" } }"""
                    .formatted(i, dueAt));
        }
        assertThat(smtp.getReceivedMessages()).as("queued in time: nothing due yet").isEmpty();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> smtp.getReceivedMessages().length >= MESSAGES / 4);
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no cleanup
        List<String> inFlight = db.queryForList("select id from carepath.outbox_message where status = 'SENDING'",
                String.class);
        int receivedAtKill = smtp.getReceivedMessages().length;
        Integer sentAtKill = db.queryForObject("select count(*) from carepath.outbox_message where status = 'SENT'",
                Integer.class);
        assertThat(sentAtKill).as("killed mid-batch, not after it").isLessThan(MESSAGES);
        assertThat(inFlight).as("claimed and unfinished at the kill").isNotEmpty();

        server = startServer(smtpPort, "second");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> db.queryForObject(
                "select count(*) from carepath.outbox_message where status = 'SENT'", Integer.class) == MESSAGES);

        Map<String, String> messageIdToOutboxId = new HashMap<>();
        db.query("select id, message_id from carepath.outbox_message", rs -> {
            messageIdToOutboxId.put(rs.getString("message_id"), rs.getString("id"));
        });
        List<String> received = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            received.add(message.getMessageID());
        }
        assertThat(new HashSet<>(received)).as("every message arrived, each under its own Message-ID")
                .isEqualTo(messageIdToOutboxId.keySet());
        Set<String> seen = new HashSet<>();
        List<String> duplicates = received.stream().filter(id -> !seen.add(id)).toList();
        assertThat(duplicates).allSatisfy(id -> assertThat(inFlight).as("a resend was in flight at the kill")
                .contains(messageIdToOutboxId.get(id)));
        System.out.printf("WorkerCrashIT: %d messages, %d received before the kill, %d claimed at the kill,"
                + " %d delivered twice%n", MESSAGES, receivedAtKill, inFlight.size(), duplicates.size());
    }

    private Process startServer(int smtpPort, String name) throws Exception {
        port = freePort();
        Path log = VAR.resolve("server-" + name + ".log");
        Files.createDirectories(VAR);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx768m", "-jar", "target/carepath.jar",
                "--server.port=" + port,
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--carepath.var-dir=" + VAR,
                "--carepath.rules.dir=rules",
                "--carepath.api-key=" + KEY,
                "--carepath.admin-password=crash-test-admin",
                "--carepath.delivery.routes=*=127.0.0.1:" + smtpPort,
                "--carepath.delivery.poll-interval=100ms",
                "--carepath.delivery.lease=10s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited; see " + log);
            }
            try {
                return http("GET", "/actuator/health", null).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private void api(String method, String path, String json) throws Exception {
        HttpResponse<String> reply = http(method, path, json);
        assertThat(reply.statusCode()).as(reply.body()).isBetween(200, 299);
    }

    private HttpResponse<String> http(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30));
        request = json == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
