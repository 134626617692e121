package org.carepath.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.carepath.CarepathApplication;
import org.carepath.delivery.capability.RecipientKeys;
import org.carepath.delivery.compose.DkimSigner;
import org.carepath.delivery.compose.IdempotencyKey;
import org.carepath.delivery.compose.MessageComposer;
import org.carepath.delivery.compose.MessageRequest;
import org.carepath.delivery.outbox.Outbox;
import org.carepath.patient.PatientRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bench delivery}: messages per second into a local SMTP sink with STARTTLS (bench/postfix-sink.sh), for
 * a plain Jakarta Mail loop and for carepath's TLS, S/MIME and PGP paths end to end (outbox, last-moment
 * decision, composition, encryption, verified TLS), in one run, each after a warm-up round. carepath runs
 * in this process on a fresh embedded PostgreSQL, routed to the sink; the plain loop sends the messages
 * carepath's composer makes for the TLS path, so the sizes match.
 */
final class DeliveryBench {

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    /** No progress for this long ends a round as failed, instead of waiting for ever on a stuck worker. */
    private static final Duration STALL = Duration.ofSeconds(60);

    private final PrintStream out;

    DeliveryBench(PrintStream out) {
        this.out = out;
    }

    int run(DeliveryBenchOptions options) {
        KeyStore trust = trustStore(options.trustStore(), options.trustStorePassword());
        Path var = tempDir();
        ConfigurableApplicationContext server = null;
        try {
            server = start(options, var);
            DeliverySummary summary = measure(options, server, trust);
            summary.print(out);
            return summary.anyFailed() ? 1 : 0;
        } finally {
            if (server != null) {
                server.close();
            }
            deleteQuietly(var);
        }
    }

    private DeliverySummary measure(DeliveryBenchOptions options, ConfigurableApplicationContext server,
                                    KeyStore trust) {
        BenchRecipients recipients = new BenchRecipients(server.getBean(PatientRegistry.class),
                server.getBean(RecipientKeys.class));
        OutboxRound round = new OutboxRound(server.getBean(Outbox.class), server.getBean(JdbcTemplate.class),
                server.getBean(TransactionTemplate.class), out, STALL);
        int n = options.messages();
        int warmup = Math.min(options.warmup(), n);
        Map<String, List<BenchRecipients.Recipient>> patients = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (String path : List.of("tls", "smime", "pgp")) {
            if (options.measures(path) || path.equals("tls") && options.measures("plain")) {
                patients.put(path, recipients.create(path, n));
            }
        }
        out.printf("Created %,d patients (and their keys) in %.1f s%n",
                patients.values().stream().mapToInt(List::size).sum(), (System.nanoTime() - started) / 1e9);

        DeliveryRate plain = null;
        DeliveryRate plainStock = null;
        if (options.measures("plain")) {
            List<MimeMessage> messages = composed(server, patients.get("tls"));
            PlainSmtpLoop loop = new PlainSmtpLoop(options.sinkHost(), options.sinkPort(), trust,
                    options.threads());
            out.printf("Plain Jakarta Mail loop: %d threads, one connection each, STARTTLS required and verified,"
                    + " %,d bytes a message%n", options.threads(), size(messages.get(0)));
            plainStock = withStockStreamProvider(() -> {
                loop.run(messages.subList(0, warmup));
                return loop.run(messages);
            });
            report("stock Jakarta Mail", plainStock);
            loop.run(messages.subList(0, warmup));
            plain = loop.run(messages);
            report("as carepath", plain);
        }
        DeliveryRate tls = carepath(round, options, "tls", "TLS", patients, warmup);
        DeliveryRate smime = carepath(round, options, "smime", "SMIME", patients, warmup);
        DeliveryRate pgp = carepath(round, options, "pgp", "PGP", patients, warmup);
        return new DeliverySummary(n, options.threads(), warmup, plainStock, plain, tls, smime, pgp);
    }

    /**
     * Runs the plain loop with Jakarta Mail as it ships: its StreamProvider looked up by ServiceLoader at every
     * body part, which carepath avoids by naming the provider (see CarepathApplication). Jakarta Mail reads the
     * property at each lookup, so clearing it for the run is enough; it is restored after.
     */
    private static DeliveryRate withStockStreamProvider(java.util.function.Supplier<DeliveryRate> run) {
        String named = System.getProperty(STREAM_PROVIDER);
        System.clearProperty(STREAM_PROVIDER);
        try {
            return run.get();
        } finally {
            if (named != null) {
                System.setProperty(STREAM_PROVIDER, named);
            }
        }
    }

    private void report(String label, DeliveryRate rate) {
        out.printf("  %-20s %,9.1f msgs/s  %,d messages in %.2f s; one SMTP transaction: p50 %.2f ms,"
                        + " p99 %.2f ms%s%n", label, rate.perSecond(), rate.messages(), rate.seconds(),
                rate.p50Millis(), rate.p99Millis(), rate.failed() > 0 ? "  !!! " + rate.failed() + " FAILED !!!" : "");
    }

    private DeliveryRate carepath(OutboxRound round, DeliveryBenchOptions options, String path, String expected,
                                  Map<String, List<BenchRecipients.Recipient>> patients, int warmup) {
        if (!options.measures(path)) {
            return null;
        }
        out.printf("carepath %s path: outbox to sink, through the delivery worker%n", expected);
        List<BenchRecipients.Recipient> recipients = patients.get(path);
        if (warmup > 0) {
            round.run(path + "/warm-up", recipients.subList(0, warmup), expected);
        }
        return round.run(path + "/measured", recipients, expected);
    }

    /** The TLS path's messages, as carepath composes them (and DKIM-signs them, when a key is configured). */
    private static List<MimeMessage> composed(ConfigurableApplicationContext server,
                                              List<BenchRecipients.Recipient> recipients) {
        MessageComposer composer = server.getBean(MessageComposer.class);
        DkimSigner dkim = server.getBeanProvider(DkimSigner.class).getIfAvailable();
        List<MimeMessage> messages = new ArrayList<>();
        try {
            for (int i = 0; i < recipients.size(); i++) {
                MimeMessage message = composer.compose(MessageRequest.transactional(OutboxRound.TEMPLATE,
                        OutboxRound.VARIABLES, new IdempotencyKey("bench-plain", "m" + i,
                                recipients.get(i).email())));
                messages.add(dkim == null ? message
                        : dkim.sign(message, Session.getInstance(new Properties())));
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot compose the plain loop's messages", e);
        }
        return messages;
    }

    private ConfigurableApplicationContext start(DeliveryBenchOptions options, Path var) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("carepath.var-dir", var.toString());
        properties.put("carepath.embedded-postgres.clean", "true");
        properties.put("carepath.demo-data", "false");
        properties.put("carepath.rules.dir", options.rules().toAbsolutePath().toString());
        properties.put("carepath.api-key", HttpBench.BENCH_KEY);
        properties.put("carepath.admin-password", "bench-only-password");
        properties.put("carepath.delivery.routes", "*=" + options.sinkHost() + ":" + options.sinkPort());
        properties.put("carepath.delivery.tls.trust-store", options.trustStore().toAbsolutePath().toString());
        properties.put("carepath.delivery.tls.trust-store-password", options.trustStorePassword());
        // the name the pooled delivery worker is to read; ignored by a worker that has no pool
        properties.put("carepath.delivery.workers", String.valueOf(options.threads()));
        // one log line per message would measure the console
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(options.properties());
        out.printf("Starting carepath on a fresh embedded PostgreSQL in %s, mail routed to %s:%d%n", var,
                options.sinkHost(), options.sinkPort());
        if (!options.properties().isEmpty()) {
            out.println("  with " + options.properties());
        }
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return SpringApplication.run(CarepathApplication.class, args.toArray(String[]::new));
    }

    private static int size(MimeMessage message) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            return bytes.size();
        } catch (IOException | MessagingException e) {
            return -1;
        }
    }

    static KeyStore trustStore(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the trust store " + file + ": " + e.getMessage());
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("carepath-delivery-bench");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The embedded database's files are thrown away with the run. */
    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
