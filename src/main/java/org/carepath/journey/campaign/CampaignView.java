package org.carepath.journey.campaign;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.carepath.compliance.Communication;

/**
 * A campaign as the API shows it: its state and how many members are in each state; {@code instances} (only
 * for a single campaign) counts the started process instances from Camunda. No patient appears here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(String id, String process, String processDefinitionId, String segmentId,
                           CampaignState state,
                           Communication communication, String createdBy, Instant createdAt, String reviewedBy,
                           Instant reviewedAt, Instant launchedAt,
                           String cancelledBy, Instant cancelledAt, int memberCount, Map<MemberState, Long> members,
                           InstanceCounts instances) {

    CampaignView withInstances(InstanceCounts counts) {
        return new CampaignView(id, process, processDefinitionId, segmentId, state, communication, createdBy, createdAt, reviewedBy,
                reviewedAt, launchedAt,
                cancelledBy, cancelledAt, memberCount, members, counts);
    }
}
