package org.carepath.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.carepath.compliance.Communication;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.send.OutgoingMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One round of a carepath path: N messages queued in the outbox (in one transaction, so the worker finds them
 * all at once), then waiting, by reading the outbox, until none is left to send. It does not care how the
 * delivery worker works (one thread, a pool, per-domain limits): it only enqueues and waits. Every message must
 * end SENT, DELIVERED by the expected path (the outcome names it); anything else is a failure, counted and
 * shown by outcome without any address.
 */
final class OutboxRound {

    static final Map<String, Object> VARIABLES = Map.of("patientName", "Bench Patient", "appointmentDate",
            "12 December", "appointmentTime", "09:30", "clinician", "Dr Okafor", "location",
            "Cardiology, 3rd floor", "organisationPhone", "555-0100", "organisation", "Riverside Clinic");
    static final String TEMPLATE = "appointment-reminder";

    private static final Pattern PATH = Pattern.compile("\\bpath ([A-Z_]+)");
    private static final Duration POLL = Duration.ofMillis(100);

    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PrintStream out;
    private final Duration stall;

    OutboxRound(Outbox outbox, JdbcTemplate jdbc, TransactionTemplate transactions, PrintStream out,
                Duration stall) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.out = out;
        this.stall = stall;
    }

    /**
     * Queues one appointment reminder (treatment: the rules SEND it, by the recipient's best path) per
     * recipient, and waits. {@code expectedPath} is the decision's path: TLS, SMIME or PGP.
     */
    DeliveryRate run(String label, List<BenchRecipients.Recipient> recipients, String expectedPath) {
        String prefix = "bench/" + label + "/";
        Communication communication = reminder();
        Instant start = Instant.now();
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < recipients.size(); i++) {
                BenchRecipients.Recipient recipient = recipients.get(i);
                OutgoingMessage message = new OutgoingMessage(recipient.patientId(), TEMPLATE, VARIABLES,
                        communication, "bench-" + label.replace('/', '-'), "m" + i);
                outbox.enqueue(prefix + i + "/" + recipient.patientId(), recipient.patientId(), json(message));
            }
        });
        double enqueued = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        boolean finished = waitUntilDone(prefix, recipients.size());
        return result(label, prefix, recipients.size(), expectedPath, start, enqueued, finished);
    }

    private boolean waitUntilDone(String prefix, int total) {
        long lastDone = -1;
        Instant lastProgress = Instant.now();
        while (true) {
            long done = jdbc.queryForObject("select count(*) from carepath.outbox_message where idempotency_key"
                    + " like ? and status in ('SENT', 'FAILED', 'BLOCKED')", Long.class, prefix + "%");
            if (done >= total) {
                return true;
            }
            if (done != lastDone) {
                lastDone = done;
                lastProgress = Instant.now();
            } else if (Duration.between(lastProgress, Instant.now()).compareTo(stall) > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private DeliveryRate result(String label, String prefix, int total, String expectedPath, Instant start,
                                double enqueued, boolean finished) {
        Histogram latency = new Histogram(3);
        Map<String, Integer> problems = new TreeMap<>();
        int[] delivered = {0};
        Instant[] end = {start};
        jdbc.query("select status, last_outcome, created_at, updated_at from carepath.outbox_message"
                + " where idempotency_key like ?", rs -> {
            String status = rs.getString("status");
            String outcome = rs.getString("last_outcome");
            Instant updated = rs.getTimestamp("updated_at").toInstant();
            if (updated.isAfter(end[0])) {
                end[0] = updated;
            }
            String problem = problem(status, outcome, expectedPath);
            if (problem == null) {
                delivered[0]++;
                Timestamp created = rs.getTimestamp("created_at");
                latency.recordValue(Math.max(1, Duration.between(created.toInstant(), updated).toNanos()));
            } else {
                problems.merge(problem, 1, Integer::sum);
            }
        }, prefix + "%");
        int missing = total - delivered[0] - problems.values().stream().mapToInt(Integer::intValue).sum();
        if (missing > 0) {
            problems.put("not in the outbox", missing);
        }
        double seconds = Duration.between(start, end[0]).toNanos() / 1e9;
        DeliveryRate rate = new DeliveryRate(total, delivered[0], seconds, latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6);
        out.printf("  %-16s %,9.1f msgs/s  %,d messages in %.2f s (enqueued in %.2f s); queued to sent: p50 %.0f ms,"
                        + " p99 %.0f ms%n", label, rate.perSecond(), total, seconds, enqueued, rate.p50Millis(),
                rate.p99Millis());
        if (!finished) {
            out.printf("  !!! %s: the outbox made no progress for %d s; gave up waiting !!!%n", label,
                    stall.toSeconds());
        }
        problems.forEach((problem, count) -> out.printf("  !!! %s: %,d messages %s !!!%n", label, count, problem));
        return rate;
    }

    /** Null when the message went out as expected; otherwise what happened to it, without any address. */
    static String problem(String status, String outcome, String expectedPath) {
        if (!"SENT".equals(status)) {
            return "ended " + status + (outcome == null ? "" : " (" + firstWords(outcome) + ")");
        }
        Matcher path = PATH.matcher(outcome == null ? "" : outcome);
        if (!path.find()) {
            return "sent, but the outcome names no path";
        }
        if (!path.group(1).equals(expectedPath)) {
            return "sent by path " + path.group(1) + " instead of " + expectedPath;
        }
        return outcome.contains("DELIVERED") ? null : "SENT without a DELIVERED outcome";
    }

    /** The outcome's first words name the decision and the path; the transport evidence carries no address. */
    private static String firstWords(String outcome) {
        return outcome.length() > 160 ? outcome.substring(0, 160) + "..." : outcome;
    }

    private static Communication reminder() {
        try {
            return ContractJson.json().readValue("{\"purpose\":\"APPOINTMENT_REMINDER\"}", Communication.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(OutgoingMessage message) {
        try {
            return ContractJson.json().writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
