package org.carepath.delivery.send;

import java.util.Map;

import org.carepath.compliance.Communication;

/**
 * What the outbox keeps for one message (encrypted): whom it is for, what it says, and the facts about the
 * communication the rules judge it by. The recipient's address is read from the registry at sending time.
 */
public record OutgoingMessage(String patientId, String template, Map<String, Object> variables,
                              Communication communication, String journeyInstanceId, String stepId) {

    public OutgoingMessage {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
