package org.carepath.journey.campaign;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.carepath.compliance.Communication;

/**
 * The process variables a campaign's journey starts with: who (the patient's id only) and the facts of the
 * communication as plain values the BPMN and its delegates can read. Camunda stores variables unencrypted,
 * so nothing here may be PHI: no name, no address, no clinical fact; the delegates load those when they need
 * them.
 */
final class JourneyVariables {

    private JourneyVariables() {
    }

    static Map<String, Object> of(String campaignId, String patientId, Communication communication) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("patientId", patientId);
        variables.put("campaignId", campaignId);
        // a compliance officer approved the campaign as a whole: journeys skip their own approval step
        variables.put("campaignApproved", true);
        variables.put("purpose", name(communication.purpose()));
        variables.put("sponsor", communication.sponsor());
        variables.put("remuneration", name(communication.remuneration()));
        // null stays null: the rules read a missing answer as "encourages"
        variables.put("encouragesPurchaseOrUse", communication.encouragesPurchaseOrUse());
        variables.put("phiUsed", communication.phiUsed().stream().map(Enum::name).collect(Collectors.joining(",")));
        variables.put("sensitivity", name(communication.sensitivity()));
        return variables;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
