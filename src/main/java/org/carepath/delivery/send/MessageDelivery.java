package org.carepath.delivery.send;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.carepath.compliance.ClassificationKind;
import org.carepath.compliance.DeliveryPath;
import org.carepath.compliance.Recipient;
import org.carepath.compliance.SecureMethod;
import org.carepath.compliance.Verdict;
import org.carepath.compliance.decision.ComplianceDecisionService;
import org.carepath.compliance.decision.ContractJson;
import org.carepath.compliance.decision.DecisionRequest;
import org.carepath.compliance.decision.DecisionResponse;
import org.carepath.delivery.capability.RecipientKeys;
import org.carepath.delivery.compose.DkimSigner;
import org.carepath.delivery.compose.IdempotencyKey;
import org.carepath.delivery.compose.MessageComposer;
import org.carepath.delivery.compose.MessageRequest;
import org.carepath.delivery.compose.Unsubscribe;
import org.carepath.delivery.encryption.PgpMimeEncryptor;
import org.carepath.delivery.encryption.SmimeEncryptor;
import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.outbox.OutboxMessage;
import org.carepath.delivery.outbox.OutboxStatus;
import org.carepath.delivery.outbox.RetryPolicy;
import org.carepath.delivery.transport.DeliveryAttempt;
import org.carepath.delivery.transport.SmtpDelivery;
import org.carepath.delivery.transport.TransportPolicy;
import org.carepath.engagement.Unsubscribes;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.carepath.portal.PortalInbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Delivers one claimed outbox message: asks the rules at the last moment (a revocation received a second
 * before the send stops it), then carries out their path: encrypt end to end, send over verified TLS, deposit
 * in the portal with a notice that carries no PHI, or send in the clear at the patient's own request. When
 * verified TLS turns out impossible, the rules judge again with what was learnt; nothing goes in plaintext.
 * The outcome recorded names the decision, the path and the transport evidence, never an address or content.
 */
@Service
class MessageDelivery {

    private final Outbox outbox;
    private final PatientRegistry patients;
    private final RecipientKeys keys;
    private final ComplianceDecisionService decisions;
    private final MessageComposer composer;
    private final SmimeEncryptor smime;
    private final PgpMimeEncryptor pgp;
    private final SmtpDelivery smtp;
    private final PortalInbox portal;
    private final Unsubscribes unsubscribes;
    private final ObjectProvider<DkimSigner> dkim;
    private final String organisation;
    private final String portalBase;
    private final DomainTlsMemory tls;
    private final RetryPolicy retries = RetryPolicy.standard();
    private final Session session = Session.getInstance(new Properties());

    MessageDelivery(Outbox outbox, PatientRegistry patients, RecipientKeys keys, ComplianceDecisionService decisions,
                    MessageComposer composer, SmimeEncryptor smime, PgpMimeEncryptor pgp, SmtpDelivery smtp,
                    PortalInbox portal, Unsubscribes unsubscribes, ObjectProvider<DkimSigner> dkim, @Value("${carepath.delivery.organisation}") String organisation,
                    @Value("${carepath.portal.base-url:${CAREPATH_PUBLIC_URL:https://carepath.riverside-clinic.example}}")
                    String portalBase) {
        this.outbox = outbox;
        this.patients = patients;
        this.keys = keys;
        this.decisions = decisions;
        this.composer = composer;
        this.smime = smime;
        this.pgp = pgp;
        this.smtp = smtp;
        this.portal = portal;
        this.unsubscribes = unsubscribes;
        this.dkim = dkim;
        this.organisation = organisation;
        this.portalBase = portalBase;
        this.tls = new DomainTlsMemory(Clock.systemUTC());
    }

    void deliver(OutboxMessage claimed) {
        OutgoingMessage message = read(claimed.payload());
        Optional<PatientDetails> patient = patients.find(message.patientId());
        if (patient.isEmpty() || patient.get().email() == null) {
            outbox.finish(claimed.id(), OutboxStatus.FAILED, "the patient has no email address on file");
            return;
        }
        String address = patient.get().email();
        String domain = address.substring(address.lastIndexOf('@') + 1);
        for (int judgement = 0; judgement < 2; judgement++) {
            DecisionResponse decision = decide(message, address, domain);
            String because = "decision " + decision.decisionId() + " " + decision.outcome();
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
            DeliveryAttempt attempt = send(path, message, address, marketing);
            if (attempt.kind() == DeliveryAttempt.Kind.TLS_UNAVAILABLE) {
                tls.learn(domain, attempt.tlsProblem());
                continue; // the rules judge again, with what sending taught us
            }
            record(claimed, attempt, because);
            return;
        }
        outbox.finish(claimed.id(), OutboxStatus.FAILED, "verified TLS unavailable and the rules chose TLS again");
    }

    private DecisionResponse decide(OutgoingMessage message, String address, String domain) {
        Instant now = Instant.now();
        Recipient recipient = new Recipient(address, null, keys.smimeAt(message.patientId(), now),
                keys.pgpAt(message.patientId(), now), tls.transportOf(domain), false);
        return decisions.decide(new DecisionRequest(message.patientId(), null, null,
                message.communication().withSendAt(now), recipient));
    }

    private DeliveryAttempt send(DeliveryPath path, OutgoingMessage message, String address, boolean marketing) {
        IdempotencyKey key = new IdempotencyKey(message.journeyInstanceId(), message.stepId(), address);
        MessageRequest request = marketing
                ? MessageRequest.marketing(message.template(), message.variables(), key,
                        new Unsubscribe(unsubscribes.issue(message.patientId())))
                : MessageRequest.transactional(message.template(), message.variables(), key);
        try {
            InternetAddress to = new InternetAddress(address, true);
            return switch (path) {
                case SMIME -> smtp.deliver(dkimSigned(smime.encrypt(compose(request),
                        keys.newestCertificate(message.patientId()).orElseThrow()).message()), to, TransportPolicy.PLAINTEXT_ALLOWED);
                case PGP -> smtp.deliver(dkimSigned(pgp.encrypt(compose(request), keys.newest(message.patientId(),
                        SecureMethod.PGP).orElseThrow()).message()), to, TransportPolicy.PLAINTEXT_ALLOWED);
                case TLS -> smtp.deliver(dkimSigned(compose(request)), to, TransportPolicy.VERIFIED_TLS);
                case UNENCRYPTED_BY_REQUEST -> smtp.deliver(dkimSigned(compose(request)), to,
                        TransportPolicy.PLAINTEXT_ALLOWED);
                case PORTAL -> smtp.deliver(dkimSigned(portalNotice(request, message.patientId())), to,
                        TransportPolicy.PLAINTEXT_ALLOWED);
                case SUPPRESS -> throw new IllegalStateException("suppressed messages are not sent");
            };
        } catch (AddressException e) {
            throw new IllegalStateException("the address on file is not a valid address");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("the message could not be built", e);
        }
    }

    /** DKIM signs last, over what actually leaves (after any encryption), when a signing key is configured. */
    private MimeMessage dkimSigned(MimeMessage message) throws MessagingException, IOException {
        DkimSigner signer = dkim.getIfAvailable();
        return signer == null ? message : signer.sign(message, session);
    }

    private MimeMessage compose(MessageRequest request) throws MessagingException {
        return composer.compose(request);
    }

    /** The full message waits in the portal; the notice says only that there is one, and where. */
    private MimeMessage portalNotice(MessageRequest request, String patientId)
            throws MessagingException, IOException {
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        MimeMessage original = compose(request);
        IdempotencyKey key = request.key();
        original.saveChanges();
        original.writeTo(full);
        PortalInbox.Deposit deposit = portal.deposit(original.getMessageID(), patientId, full.toByteArray());
        IdempotencyKey noticeKey = new IdempotencyKey(key.journeyInstanceId(), key.stepId() + "/portal-notice",
                key.recipient());
        return composer.compose(MessageRequest.transactional("portal-notice", Map.of("organisation", organisation,
                "portalLink", portalBase + "/portal/m/" + deposit.token()), noticeKey));
    }

    private void record(OutboxMessage claimed, DeliveryAttempt attempt, String because) {
        String evidence = because + "; " + attempt.kind() + " via " + attempt.server() + " reply "
                + attempt.replyCode() + " " + attempt.replyText() + "; TLS " + attempt.tlsProtocol() + " "
                + attempt.cipherSuite() + " verified=" + attempt.tlsVerified();
        switch (attempt.kind()) {
            case DELIVERED -> outbox.finish(claimed.id(), OutboxStatus.SENT, evidence);
            case PERMANENT_FAILURE -> outbox.finish(claimed.id(), OutboxStatus.FAILED, evidence);
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
