package org.carepath.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.carepath.ServerTest;
import org.carepath.platform.FieldCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The outbox on the real PostgreSQL, with a clock the test moves. */
class OutboxIT extends ServerTest {

    @Autowired
    FieldCipher cipher;

    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    private Outbox outbox() {
        return new Outbox(jdbc, cipher, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<OutboxMessage> claimOwn(String prefix, Duration lease) {
        return outbox().claim(1000, lease).stream().filter(m -> m.idempotencyKey().startsWith(prefix)).toList();
    }

    @Test
    void theSameStepQueuesOneMessageAndThePayloadIsEncrypted() {
        String first = outbox().enqueue("idem-journey-1/step-7/p-1", "p-1", payload("Dear Jane Roe"));
        String again = outbox().enqueue("idem-journey-1/step-7/p-1", "p-1", payload("Dear Jane Roe"));
        assertThat(again).isEqualTo(first);
        byte[] raw = jdbc.queryForObject("select payload_ct from carepath.outbox_message where id = ?", byte[].class,
                first);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("Jane");
    }

    @Test
    void concurrentWorkersNeverClaimTheSameMessage() throws Exception {
        for (int i = 0; i < 200; i++) {
            outbox().enqueue("conc-" + i, "p-" + i, payload("m" + i));
        }
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            Callable<List<String>> worker = () -> {
                List<String> mine = new ArrayList<>();
                for (List<OutboxMessage> batch = claimOwn("conc-", Duration.ofMinutes(5)); !batch.isEmpty();
                     batch = claimOwn("conc-", Duration.ofMinutes(5))) {
                    batch.forEach(m -> mine.add(m.idempotencyKey()));
                }
                return mine;
            };
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : workers.invokeAll(Collections.nCopies(4, worker))) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(200).doesNotHaveDuplicates();
        } finally {
            workers.shutdown();
        }
    }

    @Test
    void aMessageWhoseWorkerDiedIsClaimedAgainWithTheSameKey() {
        String id = outbox().enqueue("lease-1", "p-1", payload("hello"));
        List<OutboxMessage> first = claimOwn("lease-", Duration.ofMinutes(5));
        assertThat(first).extracting(OutboxMessage::id).containsExactly(id);
        // the worker is killed here: nothing is reported back
        assertThat(claimOwn("lease-", Duration.ofMinutes(5))).as("still leased").isEmpty();

        now = now.plus(Duration.ofMinutes(6));
        List<OutboxMessage> again = claimOwn("lease-", Duration.ofMinutes(5));
        assertThat(again).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.idempotencyKey()).isEqualTo("lease-1");
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        });
        assertThat(outbox().renewLease(first.get(0), Duration.ofMinutes(5)))
                .as("the first worker's lease was taken over: it must not send").isFalse();
        assertThat(outbox().renewLease(again.get(0), Duration.ofMinutes(5))).isTrue();
        outbox().finish(id, OutboxStatus.SENT, "250 OK");
        now = now.plus(Duration.ofHours(1));
        assertThat(claimOwn("lease-", Duration.ofMinutes(5))).isEmpty();
        assertThat(outbox().status(id)).contains(OutboxStatus.SENT);
    }

    @Test
    void temporaryFailuresWaitTheirBackoffAndThenFail() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), 2);
        String id = outbox().enqueue("retry-1", "p-1", payload("x"));
        OutboxMessage claimed = claimOwn("retry-", Duration.ofMinutes(5)).get(0);
        assertThat(outbox().retryLater(id, claimed.attempts() + 1, policy, "451 try later"))
                .isEqualTo(OutboxStatus.RETRY);
        assertThat(claimOwn("retry-", Duration.ofMinutes(5))).as("not before its backoff").isEmpty();

        now = now.plus(Duration.ofMinutes(2));
        OutboxMessage second = claimOwn("retry-", Duration.ofMinutes(5)).get(0);
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(outbox().retryLater(id, second.attempts() + 1, policy, "451 try later"))
                .isEqualTo(OutboxStatus.FAILED);
        assertThat(outbox().status(id)).contains(OutboxStatus.FAILED);
    }

    @Test
    void aDeferredOrReleasedMessageComesBackWithoutCountingAnAttempt() {
        String deferred = outbox().enqueue("defer-1", "p-1", payload("later"));
        String released = outbox().enqueue("defer-2", "p-2", payload("back"));
        assertThat(claimOwn("defer-", Duration.ofMinutes(5))).hasSize(2);
        outbox().defer(deferred, now.plusSeconds(30), "waiting for the recipient domain's sending limit");
        outbox().release(List.of(released));
        assertThat(claimOwn("defer-", Duration.ofMinutes(5))).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(released);
            assertThat(m.attempts()).isZero();
        });
        now = now.plusSeconds(31);
        assertThat(claimOwn("defer-", Duration.ofMinutes(5))).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(deferred);
            assertThat(m.attempts()).isZero();
        });
    }
}
