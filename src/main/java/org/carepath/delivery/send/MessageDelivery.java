package org.carepath.delivery.send;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import org.carepath.compliance.ClassificationKind;
import org.carepath.compliance.DeliveryPath;
import org.carepath.compliance.Recipient;
import org.carepath.compliance.Verdict;
import org.carepath.compliance.decision.ComplianceDecisionService;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.compliance.decision.DecisionRequest;
import org.carepath.compliance.decision.DecisionResponse;
import org.carepath.delivery.bounce.HardBounce;
import org.carepath.delivery.bounce.Suppressions;
import org.carepath.delivery.capability.RecipientKeys;
import org.carepath.delivery.capability.TransportCapabilities;
import org.carepath.delivery.capability.WkdDiscovery;
import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.outbox.OutboxMessage;
import org.carepath.delivery.outbox.OutboxStatus;
import org.carepath.delivery.outbox.RetryPolicy;
import org.carepath.delivery.transport.DeliveryAttempt;
import org.carepath.patient.PatientRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Delivers one claimed outbox message: asks the rules at the last moment (a revocation received a second
 * before the send stops it), then has {@link DeliveryPaths} carry out their path. When verified TLS turns out
 * impossible, the rules judge again with what was learnt; nothing goes in plaintext. An address that bounced
 * for good is not written to; a refusal that condemns the address suppresses it. The outcome recorded names
 * the decision, the path and the transport evidence, never an address or content.
 */
@Service
class MessageDelivery {

    private final Outbox outbox;
    private final PatientRegistry patients;
    private final RecipientKeys keys;
    private final ComplianceDecisionService decisions;
    private final DeliveryPaths paths;
    private final Suppressions suppressions;
    private final DomainThrottle throttle;
    private final TransportCapabilities transports;
    private final WkdDiscovery wkd;
    private final RetryPolicy retries = RetryPolicy.standard();

    MessageDelivery(Outbox outbox, PatientRegistry patients, RecipientKeys keys, ComplianceDecisionService decisions,
                    DeliveryPaths paths, Suppressions suppressions, TransportCapabilities transports, WkdDiscovery wkd,
                    @Value("${carepath.delivery.per-domain.max-concurrent:4}") int maxConcurrentPerDomain,
                    @Value("${carepath.delivery.per-domain.rate:0}") double ratePerDomain) {
        this.outbox = outbox;
        this.patients = patients;
        this.keys = keys;
        this.decisions = decisions;
        this.paths = paths;
        this.suppressions = suppressions;
        this.throttle = new DomainThrottle(maxConcurrentPerDomain, ratePerDomain, Clock.systemUTC());
        this.transports = transports;
        this.wkd = wkd;
    }

    void deliver(OutboxMessage claimed) {
        OutgoingMessage message = read(claimed.payload());
        String address = patients.email(message.patientId()).orElse("");
        if (address.isBlank()) {
            outbox.finish(claimed.id(), OutboxStatus.FAILED, "the patient has no email address on file");
            return;
        }
        if (suppressions.isSuppressed(message.patientId(), address)) {
            outbox.finish(claimed.id(), OutboxStatus.FAILED, "not sent: the address bounced for good (suppressed)");
            return;
        }
        String domain = address.substring(address.lastIndexOf('@') + 1);
        DomainThrottle.Admission admission = throttle.tryAcquire(domain);
        if (admission.permit().isEmpty()) {
            outbox.defer(claimed.id(), admission.retryAt(), "waiting for the recipient domain's sending limit");
            return;
        }
        try (DomainThrottle.Permit permit = admission.permit().get()) {
            deliver(claimed, message, address, domain);
        }
    }

    private void deliver(OutboxMessage claimed, OutgoingMessage message, String address, String domain) {
        for (int judgement = 0; judgement < 2; judgement++) {
            DecisionResponse decision = decide(message, address, domain);
            String because = "decision " + decision.decisionId() + " (rules " + decision.rulesVersion() + ") "
                    + decision.outcome();
            if (decision.outcome() != Verdict.SEND) {
                outbox.finish(claimed.id(), OutboxStatus.BLOCKED, because);
                return;
            }
            DeliveryPath path = decision.deliveryPath();
            because += " path " + path;
            if (path == DeliveryPath.SUPPRESS) {
                outbox.finish(claimed.id(), OutboxStatus.BLOCKED, because + ": no encrypted path for marketing");
                return;
            }
            boolean marketing = decision.classification() != ClassificationKind.NOT_MARKETING;
            DeliveryPaths.Sent sent = paths.send(path, message, address, marketing);
            if (sent.attempt().kind() == DeliveryAttempt.Kind.TLS_UNAVAILABLE) {
                transports.learn(domain, sent.attempt().tlsProblem());
                continue; // the rules judge again, with what sending taught us
            }
            record(claimed, message, address, sent, because);
            return;
        }
        outbox.finish(claimed.id(), OutboxStatus.FAILED, "verified TLS unavailable and the rules chose TLS again");
    }

    private DecisionResponse decide(OutgoingMessage message, String address, String domain) {
        Instant now = Instant.now();
        RecipientKeys.Capabilities capabilities = keys.capabilitiesAt(message.patientId(), now);
        if (!capabilities.smime().certificate() && !capabilities.pgp().key()
                && wkd.discover(message.patientId(), address)) {
            capabilities = keys.capabilitiesAt(message.patientId(), now);
        }
        Recipient recipient = new Recipient(address, null, capabilities.smime(), capabilities.pgp(),
                transports.of(domain), false);
        return decisions.decide(new DecisionRequest(message.patientId(), null, null,
                message.communication().withSendAt(now), recipient));
    }

    private void record(OutboxMessage claimed, OutgoingMessage message, String address, DeliveryPaths.Sent sent,
                        String because) {
        DeliveryAttempt attempt = sent.attempt();
        String evidence = because + "; " + attempt.kind() + " via " + attempt.server() + " reply "
                + attempt.replyCode() + " " + attempt.replyText() + "; TLS " + attempt.tlsProtocol() + " "
                + attempt.cipherSuite() + " verified=" + attempt.tlsVerified();
        switch (attempt.kind()) {
            case DELIVERED -> outbox.finishSent(claimed.id(), sent.messageId(), evidence);
            case PERMANENT_FAILURE -> {
                outbox.finish(claimed.id(), OutboxStatus.FAILED, evidence);
                HardBounce.ofSmtpReply(attempt.replyCode(), attempt.replyText()).ifPresent(bounce ->
                        suppressions.suppress(message.patientId(), address, bounce, "SMTP", sent.messageId()));
            }
            default -> outbox.retryLater(claimed.id(), claimed.attempts() + 1, retries, evidence);
        }
    }

    private static OutgoingMessage read(byte[] payload) {
        try {
            return ContractJson.json().readValue(payload, OutgoingMessage.class);
        } catch (IOException e) {
            throw new IllegalStateException("an outbox payload is unreadable", e);
        }
    }
}
