package org.carepath.journey.start;

import java.util.Set;

/**
 * The start variables a caller may set by name. Camunda keeps process variables unencrypted, so the list is
 * closed: communication facts and timing settings, never free text that could carry PHI.
 */
final class JourneyVariableNames {

    static final Set<String> ALLOWED = Set.of("purpose", "sponsor", "remuneration", "encouragesPurchaseOrUse",
            "phiUsed", "sensitivity", "campaignId", "followUpAfter", "firstReminderBefore", "secondReminderBefore");

    private JourneyVariableNames() {
    }
}
