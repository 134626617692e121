package org.carepath.journey.delegate;

import java.io.IOException;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.carepath.compliance.Communication;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.send.OutgoingMessage;
import org.springframework.stereotype.Component;

/**
 * "Send secure message": queues one message in the outbox, in the same transaction as the Camunda step (the
 * engine runs on Spring's transaction manager, and the outbox joins the caller's transaction): a step rolled
 * back queues nothing, and a retried job queues nothing new (the idempotency key is the journey instance, the
 * step and the patient). Inputs: {@code patientId}, {@code template} (a folder of message-templates/), the
 * communication facts as for "Decide", and {@code appointmentId}, {@code careGapRef} or {@code medicationRef}
 * for the template. Output: {@code messageId}. The delivery worker asks the rules again when it sends.
 */
@Component("sendSecureMessage")
public class SendSecureMessage implements JavaDelegate {

    private final Outbox outbox;
    private final CommunicationFacts communication;
    private final MessageVariables variables;

    SendSecureMessage(Outbox outbox, CommunicationFacts communication, MessageVariables variables) {
        this.outbox = outbox;
        this.communication = communication;
        this.variables = variables;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String patientId = Inputs.required(execution, "patientId");
        String template = Inputs.required(execution, "template");
        Communication facts = communication.of(execution);
        OutgoingMessage message = new OutgoingMessage(patientId, template, variables.of(patientId, execution), facts,
                execution.getProcessInstanceId(), execution.getCurrentActivityId());
        String key = "journey/" + execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId() + "/"
                + patientId;
        execution.setVariable("messageId", outbox.enqueue(key, patientId, json(message), null));
    }

    private static byte[] json(OutgoingMessage message) {
        try {
            return ContractJson.json().writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("the message could not be serialised");
        }
    }
}
