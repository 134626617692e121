package org.carepath.journey.campaign;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the process instances of launching campaigns, one batch of members per transaction, on a thread of
 * its own (not the shared scheduler, which the delivery worker and the rule book watch need). Every node runs
 * one: members are claimed with FOR UPDATE SKIP LOCKED, so nodes share a campaign without coordination, and
 * the state lives only in the database, so a restart simply picks up the PENDING rows again.
 *
 * <p>A batch runs without savepoints: our journeys start with {@code camunda:asyncBefore}, so a start only
 * writes the instance and its first job and hardly ever fails. When one does fail, the batch rolls back (an
 * exception inside a Camunda command marks the whole Spring transaction rollback-only, so catching it is not
 * enough) and is done again with a savepoint around each start: the failing member becomes FAILED, the others
 * STARTED. {@code carepath.campaigns.savepoint-per-start=true} always takes the careful path.
 */
@Component
public class CampaignLauncher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CampaignLauncher.class);

    private final CampaignTable table;
    private final CampaignInstances instances;
    private final RuntimeService runtime;
    private final TransactionTemplate batchTransaction;
    private final TransactionTemplate perStart;
    private final int batchSize;
    private final Duration pollInterval;
    private final boolean savepointPerStart;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile ScheduledExecutorService thread;

    CampaignLauncher(CampaignTable table, CampaignInstances instances, RuntimeService runtime,
                     PlatformTransactionManager transactions,
                     @Value("${carepath.campaigns.batch-size:250}") int batchSize,
                     @Value("${carepath.campaigns.poll-interval:5s}") Duration pollInterval,
                     @Value("${carepath.campaigns.savepoint-per-start:false}") boolean savepointPerStart) {
        this.table = table;
        this.instances = instances;
        this.runtime = runtime;
        this.batchTransaction = new TransactionTemplate(transactions);
        this.perStart = new TransactionTemplate(transactions);
        this.perStart.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.savepointPerStart = savepointPerStart;
    }

    /** Look for work now (a campaign was just recorded) instead of at the next poll. */
    void wake() {
        ScheduledExecutorService t = thread;
        if (t != null && wakeQueued.compareAndSet(false, true)) {
            t.execute(() -> {
                wakeQueued.set(false);
                poll();
            });
        }
    }

    /** One pass: every launching campaign until nothing is pending, then campaigns still being cancelled. */
    void poll() {
        try {
            for (CampaignTable.Launch campaign : table.launching()) {
                while (!holding() && launchBatch(campaign) > 0) {
                    // next batch: each one commits on its own
                }
                if (!holding() && table.markLaunchedIfDone(campaign.id(), clock.instant())) {
                    log.info("Campaign {} launched", campaign.id());
                }
            }
            for (Map.Entry<String, String> cancelling : table.cancelling().entrySet()) {
                String batch = cancelling.getValue();
                if (instances.running(cancelling.getKey()) == 0) {
                    table.markCancelled(cancelling.getKey());
                } else if (batch == null || !instances.batchExists(batch)) {
                    endInstances(cancelling.getKey());
                }
            }
        } catch (RuntimeException e) {
            // the database may be away for a moment; the rows wait, and the next poll tries again
            log.warn("Campaign launcher pass failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Ends the running instances of a cancelled campaign, or marks it CANCELLED when none is left. */
    void endInstances(String campaignId) {
        String batch = instances.endAll(campaignId);
        if (batch == null) {
            table.markCancelled(campaignId);
        } else {
            table.deleteBatch(campaignId, batch);
        }
    }

    /** Starts one batch of a campaign's pending members; answers how many members it settled (0: none left). */
    int launchBatch(CampaignTable.Launch campaign) {
        if (savepointPerStart) {
            return launchBatch(campaign, true);
        }
        try {
            return launchBatch(campaign, false);
        } catch (RuntimeException e) {
            log.warn("Campaign {}: a start failed ({}); the batch is done again one savepoint per start",
                    campaign.id(), e.getClass().getSimpleName());
            return launchBatch(campaign, true);
        }
    }

    private int launchBatch(CampaignTable.Launch campaign, boolean careful) {
        Integer settled = batchTransaction.execute(tx -> {
            if (table.lockForLaunch(campaign.id()).orElse(null) != CampaignState.LAUNCHING) {
                return 0;
            }
            List<String> patients = table.claimPending(campaign.id(), batchSize);
            if (patients.isEmpty()) {
                return 0;
            }
            // the version recorded with the campaign, the one its reviewer approved: a journey redeployed
            // mid-campaign does not change what this campaign runs
            String definitionId = campaign.processDefinitionId();
            List<String[]> started = new ArrayList<>(patients.size());
            for (String patientId : patients) {
                if (!careful) {
                    started.add(new String[] {patientId, start(definitionId, campaign, patientId)});
                    continue;
                }
                try {
                    String instance = perStart.execute(s -> start(definitionId, campaign, patientId));
                    started.add(new String[] {patientId, instance});
                } catch (RuntimeException e) {
                    // the class only: Camunda's messages can quote variable values
                    String reason = "start failed: " + e.getClass().getSimpleName();
                    log.warn("Campaign {}: one start failed ({})", campaign.id(), e.getClass().getSimpleName());
                    table.markFailed(campaign.id(), patientId, reason);
                }
            }
            table.markStarted(campaign.id(), started);
            return patients.size();
        });
        return settled == null ? 0 : settled;
    }

    private String start(String definitionId, CampaignTable.Launch campaign, String patientId) {
        return runtime.createProcessInstanceById(definitionId)
                .businessKey(CampaignInstances.businessKey(campaign.id(), patientId))
                .setVariables(JourneyVariables.of(campaign.id(), patientId, campaign.communication()))
                .execute().getId();
    }

    /** Paused (tests) or stopping: no next batch. */
    private boolean holding() {
        return paused.get() || thread == null;
    }

    /** For tests: hold the launcher between batches, to look at a campaign mid-launch. */
    void pause() {
        paused.set(true);
    }

    void resume() {
        paused.set(false);
        wake();
    }

    @Override
    public void start() {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread worker = new Thread(r, "campaign-launcher");
            worker.setDaemon(true);
            return worker;
        });
        t.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        thread = t;
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = thread;
        thread = null;
        if (t != null) {
            // no interrupt: the batch in flight commits (or rolls back, leaving its members PENDING), then the
            // loop sees the launcher stopping
            t.shutdown();
            try {
                t.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
