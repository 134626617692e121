package org.carepath.delivery.send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.outbox.OutboxMessage;
import org.carepath.delivery.outbox.OutboxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A pool of delivery threads ({@code carepath.delivery.workers}, default 4). Each claims a few due messages
 * from the outbox at a time ({@code carepath.delivery.batch}) under a lease ({@code carepath.delivery.lease})
 * and delivers them one by one, keeping its own SMTP connections open between messages. Every node runs a
 * pool; the outbox's SKIP LOCKED claims share the work. Sending is I/O-bound (the SMTP server's replies), so
 * more threads than cores pay off.
 *
 * <p>On shutdown the threads finish the message in hand and hand back the rest of their batch. A node that
 * dies leaves its leases to expire; another node (or this one, restarted) then claims those messages again,
 * with the same Message-ID. A message whose delivery throws fails with the exception's type only (its text
 * may quote data).
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final MessageDelivery delivery;
    private final int workers;
    private final int batch;
    private final Duration lease;
    private final Duration pollInterval;
    private final List<Thread> threads = new ArrayList<>();
    private final Object idle = new Object();
    private volatile boolean running;

    DeliveryWorker(Outbox outbox, MessageDelivery delivery,
                   @Value("${carepath.delivery.workers:4}") int workers,
                   @Value("${carepath.delivery.batch:10}") int batch,
                   @Value("${carepath.delivery.lease:5m}") String lease,
                   @Value("${carepath.delivery.poll-interval:1s}") String pollInterval) {
        if (workers < 0 || batch < 1) {
            throw new IllegalArgumentException("carepath.delivery.workers must be 0 or more, .batch 1 or more");
        }
        this.outbox = outbox;
        this.delivery = delivery;
        this.workers = workers;
        this.batch = batch;
        this.lease = DurationStyle.detectAndParse(lease);
        this.pollInterval = DurationStyle.detectAndParse(pollInterval);
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 1; i <= workers; i++) {
            Thread thread = new Thread(this::work, "delivery-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        log.info("Delivery: {} workers, {} messages per claim, lease {}", workers, batch, lease);
    }

    @Override
    public synchronized void stop() {
        // no interrupt: a thread mid-send must be able to record the outcome (an interrupted thread cannot
        // take a database connection); idle threads are woken
        running = false;
        synchronized (idle) {
            idle.notifyAll();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the rest of the server (rule book, database) and stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void work() {
        while (running) {
            List<OutboxMessage> claimed;
            try {
                claimed = outbox.claim(batch, lease);
            } catch (RuntimeException e) {
                log.warn("Delivery: could not claim from the outbox ({}); trying again", e.getClass().getSimpleName());
                claimed = List.of();
            }
            if (claimed.isEmpty()) {
                pause();
                continue;
            }
            long claimedAt = System.nanoTime();
            for (int i = 0; i < claimed.size(); i++) {
                if (!running) {
                    outbox.release(claimed.subList(i, claimed.size()).stream().map(OutboxMessage::id).toList());
                    return;
                }
                if (leaseSafe(claimedAt) || outbox.renewLease(claimed.get(i), lease)) {
                    deliverOne(claimed.get(i));
                }
            }
        }
    }

    /**
     * Within the first third of the lease no other worker can have taken the message over, so the renewal
     * (a round trip per message) is needed only for a batch that has been slow.
     */
    private boolean leaseSafe(long claimedAt) {
        return System.nanoTime() - claimedAt < lease.toNanos() / 3;
    }

    private void deliverOne(OutboxMessage message) {
        try {
            delivery.deliver(message);
        } catch (RuntimeException e) {
            log.error("Delivery of {} failed: {}", message.id(), e.getClass().getSimpleName());
            outbox.finish(message.id(), OutboxStatus.FAILED, "could not be delivered: "
                    + e.getClass().getSimpleName());
        }
    }

    private void pause() {
        try {
            synchronized (idle) {
                if (running) {
                    idle.wait(pollInterval.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
