package org.carepath.journey.campaign;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.springframework.stereotype.Component;

/**
 * A campaign's process instances in Camunda, found by business key prefix ({@code campaignId:}). Only count
 * queries: the answer stays cheap for 100,000 instances.
 */
@Component
class CampaignInstances {

    static final String DELETE_REASON = "campaign cancelled";

    private final RuntimeService runtime;
    private final HistoryService history;
    private final ManagementService management;

    CampaignInstances(RuntimeService runtime, HistoryService history, ManagementService management) {
        this.runtime = runtime;
        this.history = history;
        this.management = management;
    }

    static String businessKey(String campaignId, String patientId) {
        return campaignId + ":" + patientId;
    }

    InstanceCounts count(String campaignId) {
        String like = prefix(campaignId);
        long running = runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(like).count();
        long incidents = running == 0 ? 0
                : runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(like).withIncident().count();
        long completed = history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(like)
                .completed().count();
        long external = history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(like)
                .externallyTerminated().count();
        long internal = history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(like)
                .internallyTerminated().count();
        return new InstanceCounts(running, incidents, completed, external + internal);
    }

    long running(String campaignId) {
        return query(prefix(campaignId)).count();
    }

    /**
     * Ends every running instance of the campaign with a Camunda batch (the job executor deletes them in chunks,
     * on any node), or returns null when none is running.
     */
    String endAll(String campaignId) {
        ProcessInstanceQuery query = query(prefix(campaignId));
        if (query.count() == 0) {
            return null;
        }
        Batch batch = runtime.deleteProcessInstancesAsync(query, DELETE_REASON);
        return batch.getId();
    }

    boolean batchExists(String batchId) {
        return management.createBatchQuery().batchId(batchId).count() > 0;
    }

    private ProcessInstanceQuery query(String like) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(like);
    }

    /** LIKE pattern of the campaign's business keys; Camunda escapes with a backslash on every database. */
    static String prefix(String campaignId) {
        return campaignId.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + ":%";
    }
}
