package org.carepath.compliance.decision;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import org.carepath.compliance.DecisionFacts;
import org.carepath.compliance.Reason;
import org.carepath.platform.CiphertextRewriter;
import org.carepath.platform.FieldCipher;
import org.carepath.platform.Reencryptable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every decision, stored as it was made. The facts and the answer carry PHI and are encrypted; the rules
 * version, the rules fired and the verdict stay readable for compliance reports.
 *
 * <p>Decisions made at the same time are written together, one multi-row insert and one commit per batch
 * (group commit): a commit per decision cost 40% of the decision API's throughput. A caller still gets its
 * answer only once its row is committed, so no decision is answered that is not stored.
 */
@Repository
class DecisionJournal implements Reencryptable {

    private static final Logger log = LoggerFactory.getLogger(DecisionJournal.class);
    private static final String FACTS = "decision.request";
    private static final String RESPONSE = "decision.response";
    private static final int MAX_BATCH = 200;
    private static final int WRITERS = 2;
    private static final long WAIT_SECONDS = 30;
    private static final String INSERT = "insert into carepath.decision (id, decided_at, rules_version, rules_fired,"
            + " classification, outcome, delivery_path, request_ciphertext, response_ciphertext) values ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    private record Pending(Object[] row, CompletableFuture<Void> stored) {
    }

    DecisionJournal(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        for (int i = 0; i < WRITERS; i++) {
            Thread writer = new Thread(this::writeBatches, "decision-journal-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Stores the decision; returns once it is committed, or throws {@link JournalException}. */
    void record(DecisionFacts facts, DecisionResponse response) {
        Object[] row = {response.decisionId(), Timestamp.from(response.decidedAt()), response.rulesVersion(),
                response.reasons().stream().map(Reason::rule).toArray(String[]::new),
                response.classification().name(), response.outcome().name(),
                response.deliveryPath() == null ? null : response.deliveryPath().name(),
                seal(facts, FACTS), seal(response, RESPONSE)};
        Pending pending = new Pending(row, new CompletableFuture<>());
        try {
            if (!running || !queue.offer(pending, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new JournalException("the decision journal is not accepting decisions");
            }
            pending.stored().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while storing the decision");
        } catch (ExecutionException | TimeoutException e) {
            throw new JournalException("the decision could not be stored, so it is not answered");
        }
    }

    Optional<StoredDecision> find(String id) {
        return jdbc.query("select * from carepath.decision where id = ?", (rs, n) -> new StoredDecision(
                rs.getString("id"), rs.getTimestamp("decided_at").toInstant(), rs.getString("rules_version"),
                Arrays.asList((String[]) rs.getArray("rules_fired").getArray()),
                open(rs.getBytes("request_ciphertext"), FACTS, DecisionFacts.class),
                open(rs.getBytes("response_ciphertext"), RESPONSE, DecisionResponse.class)), id)
                .stream().findFirst();
    }

    @Override
    public String name() {
        return "decisions";
    }

    @Override
    public int reencrypt(CiphertextRewriter rewriter) {
        return rewriter.rewrite("carepath.decision", "id", Map.of("request_ciphertext", FACTS,
                "response_ciphertext", RESPONSE));
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            StringBuilder sql = new StringBuilder(INSERT.length() + batch.size() * (ROW.length() + 1)).append(INSERT);
            Object[] args = new Object[batch.size() * 9];
            for (int i = 0; i < batch.size(); i++) {
                sql.append(i == 0 ? "" : ",").append(ROW);
                System.arraycopy(batch.get(i).row(), 0, args, i * 9, 9);
            }
            jdbc.update(sql.toString(), args);
            batch.forEach(p -> p.stored().complete(null));
        } catch (RuntimeException e) {
            // the message of a failed insert can quote values; only its type is logged
            log.error("Could not store {} decisions: {}", batch.size(), e.getClass().getSimpleName());
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
    }

    private byte[] seal(Object value, String context) {
        try {
            return cipher.encrypt(ContractJson.json().writeValueAsBytes(value), context);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the decision", e);
        }
    }

    private <T> T open(byte[] sealed, String context, Class<T> type) {
        try {
            return ContractJson.json().readValue(cipher.decrypt(sealed, context), type);
        } catch (IOException e) {
            throw new IllegalStateException("stored decision is unreadable", e);
        }
    }
}
