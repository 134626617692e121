package org.carepath.journey.campaign;

import java.util.List;

import org.carepath.compliance.Communication;

/**
 * {@code POST /api/v1/campaigns}: which journey, for whom (a saved segment or a list of patient ids, not
 * both), and the facts of the communication the rules will judge at every send.
 */
public record CampaignRequest(String campaignId, String process, String segmentId, List<String> patientIds,
                              Communication communication) {
}
