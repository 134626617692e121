package org.carepath.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may do what. API keys carry roles; people get them from their Camunda group memberships
 * (group id = role name in lower case; members of {@code camunda-admin} are ADMIN).
 */
public enum Role {
    /** EHR and CRM systems: write patients, ask for decisions, send messages. */
    INTEGRATION,
    /** Compliance officers: rules, authorizations, decisions and their PHI, review tasks. */
    COMPLIANCE,
    /** Operators: running journeys, incidents, delivery; no PHI they don't need. */
    OPERATOR,
    /** Workflow designers: processes and their deployment. */
    DESIGNER,
    /** Everything, including API keys and users. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    public String groupId() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> ofGroup(String groupId) {
        if ("camunda-admin".equals(groupId)) {
            return Optional.of(ADMIN);
        }
        return Arrays.stream(values()).filter(r -> r.groupId().equals(groupId)).findFirst();
    }
}
