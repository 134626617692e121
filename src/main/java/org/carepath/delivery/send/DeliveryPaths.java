package org.carepath.delivery.send;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.carepath.compliance.DeliveryPath;
import org.carepath.compliance.SecureMethod;
import org.carepath.delivery.capability.RecipientKeys;
import org.carepath.delivery.compose.DkimSigner;
import org.carepath.delivery.compose.IdempotencyKey;
import org.carepath.delivery.compose.MessageComposer;
import org.carepath.delivery.compose.MessageRequest;
import org.carepath.delivery.compose.Unsubscribe;
import org.carepath.delivery.encryption.PgpMimeEncryptor;
import org.carepath.delivery.encryption.SmimeEncryptor;
import org.carepath.delivery.transport.DeliveryAttempt;
import org.carepath.delivery.transport.SmtpDelivery;
import org.carepath.delivery.transport.TransportPolicy;
import org.carepath.engagement.Unsubscribes;
import org.carepath.portal.PortalInbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Carries out the path the rules chose for one message: encrypt end to end (S/MIME, PGP) and send, send over
 * verified TLS only, deposit in the portal and send a notice that carries no PHI, or send in the clear at the
 * patient's own request. DKIM signs last, over what actually leaves.
 */
@Component
class DeliveryPaths {

    /** What was handed to the recipient's server: the attempt, and the Message-ID the mail left with. */
    record Sent(DeliveryAttempt attempt, String messageId) {
    }

    private final RecipientKeys keys;
    private final MessageComposer composer;
    private final SmimeEncryptor smime;
    private final PgpMimeEncryptor pgp;
    private final SmtpDelivery smtp;
    private final PortalInbox portal;
    private final Unsubscribes unsubscribes;
    private final ObjectProvider<DkimSigner> dkim;
    private final String organisation;
    private final String portalBase;
    private final Session session = Session.getInstance(new Properties());
    private volatile Optional<DkimSigner> signer;

    DeliveryPaths(RecipientKeys keys, MessageComposer composer, SmimeEncryptor smime, PgpMimeEncryptor pgp,
                  SmtpDelivery smtp, PortalInbox portal, Unsubscribes unsubscribes, ObjectProvider<DkimSigner> dkim,
                  @Value("${carepath.delivery.organisation}") String organisation,
                  @Value("${carepath.portal.base-url:${CAREPATH_PUBLIC_URL:https://carepath.riverside-clinic.example}}")
                  String portalBase) {
        this.keys = keys;
        this.composer = composer;
        this.smime = smime;
        this.pgp = pgp;
        this.smtp = smtp;
        this.portal = portal;
        this.unsubscribes = unsubscribes;
        this.dkim = dkim;
        this.organisation = organisation;
        this.portalBase = portalBase;
    }

    Sent send(DeliveryPath path, OutgoingMessage message, String address, boolean marketing) {
        IdempotencyKey key = new IdempotencyKey(message.journeyInstanceId(), message.stepId(), address);
        MessageRequest request = marketing
                ? MessageRequest.marketing(message.template(), message.variables(), key,
                        new Unsubscribe(unsubscribes.issue(message.patientId())))
                : MessageRequest.transactional(message.template(), message.variables(), key);
        try {
            InternetAddress to = new InternetAddress(address, true);
            MimeMessage mail = switch (path) {
                case SMIME -> smime.encrypt(composer.compose(request),
                        keys.newestCertificate(message.patientId()).orElseThrow()).message();
                case PGP -> pgp.encrypt(composer.compose(request),
                        keys.newest(message.patientId(), SecureMethod.PGP).orElseThrow()).message();
                case TLS, UNENCRYPTED_BY_REQUEST -> composer.compose(request);
                case PORTAL -> portalNotice(request, message.patientId());
                case SUPPRESS -> throw new IllegalStateException("suppressed messages are not sent");
            };
            MimeMessage signed = dkimSigned(mail);
            // end-to-end encrypted mail and the PHI-free portal notice may cross a hop without TLS; plain
            // content only over verified TLS, unless the patient asked for unencrypted email
            TransportPolicy policy = path == DeliveryPath.TLS ? TransportPolicy.VERIFIED_TLS
                    : TransportPolicy.PLAINTEXT_ALLOWED;
            DeliveryAttempt attempt = smtp.deliver(signed, to, policy);
            return new Sent(attempt, signed.getMessageID());
        } catch (AddressException e) {
            throw new IllegalStateException("the address on file is not a valid address");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("the message could not be built", e);
        }
    }

    /** DKIM signs last, over what actually leaves (after any encryption), when a signing key is configured. */
    private MimeMessage dkimSigned(MimeMessage message) throws MessagingException, IOException {
        DkimSigner signer = signer();
        return signer == null ? message : signer.sign(message, session);
    }

    /** Looked up once: resolving an optional bean costs more than composing a small message. */
    private DkimSigner signer() {
        Optional<DkimSigner> known = signer;
        if (known == null) {
            known = Optional.ofNullable(dkim.getIfAvailable());
            signer = known;
        }
        return known.orElse(null);
    }

    /** The full message waits in the portal; the notice says only that there is one, and where. */
    private MimeMessage portalNotice(MessageRequest request, String patientId)
            throws MessagingException, IOException {
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        MimeMessage original = composer.compose(request);
        IdempotencyKey key = request.key();
        original.saveChanges();
        original.writeTo(full);
        PortalInbox.Deposit deposit = portal.deposit(original.getMessageID(), patientId, full.toByteArray());
        IdempotencyKey noticeKey = new IdempotencyKey(key.journeyInstanceId(), key.stepId() + "/portal-notice",
                key.recipient());
        return composer.compose(MessageRequest.transactional("portal-notice", Map.of("organisation", organisation,
                "portalLink", portalBase + "/portal/m/" + deposit.token()), noticeKey));
    }
}
