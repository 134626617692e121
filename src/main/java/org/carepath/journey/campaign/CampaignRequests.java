package org.carepath.journey.campaign;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What is wrong with a campaign request that parsed, as a sentence naming the field, or null. Values are not
 * echoed: a patient id in a list is not PHI here, but the habit is kept.
 */
final class CampaignRequests {

    /**
     * A campaign id becomes the prefix of every business key ({@code campaignId:patientId}), queried with LIKE,
     * so it may not contain the separator; '_' is escaped in those queries.
     */
    static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final int MAX_PATIENT_ID = 200;

    private CampaignRequests() {
    }

    static String problem(CampaignRequest request) {
        if (request == null) {
            return "the request body is empty";
        }
        if (request.campaignId() == null || request.campaignId().isBlank()) {
            return "campaignId is required";
        }
        if (!CAMPAIGN_ID.matcher(request.campaignId()).matches()) {
            return "campaignId: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";
        }
        if (request.process() == null || request.process().isBlank()) {
            return "process is required (the key of a deployed process definition)";
        }
        if (request.segmentId() != null && request.patientIds() != null) {
            return "give either segmentId or patientIds, not both";
        }
        if (request.segmentId() == null && request.patientIds() == null) {
            return "segmentId or patientIds is required";
        }
        String listProblem = request.patientIds() == null ? null : listProblem(request.patientIds());
        if (listProblem != null) {
            return listProblem;
        }
        if (request.communication() == null) {
            return "communication is required";
        }
        if (request.communication().purpose() == null) {
            return "communication.purpose is required";
        }
        if (request.communication().campaignId() != null
                && !request.communication().campaignId().equals(request.campaignId())) {
            return "communication.campaignId must be omitted or equal to campaignId";
        }
        if (request.communication().sendAt() != null) {
            return "communication.sendAt: not for campaigns (each journey decides when its messages go)";
        }
        return null;
    }

    private static String listProblem(List<String> ids) {
        if (ids.isEmpty()) {
            return "patientIds is empty";
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                return "patientIds[" + i + "] is blank";
            }
            if (id.length() > MAX_PATIENT_ID) {
                return "patientIds[" + i + "] is longer than " + MAX_PATIENT_ID + " characters";
            }
        }
        return null;
    }
}
