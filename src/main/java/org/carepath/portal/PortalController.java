package org.carepath.portal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.carepath.delivery.compose.IdempotencyKey;
import org.carepath.delivery.compose.MessageComposer;
import org.carepath.delivery.compose.MessageRequest;
import org.carepath.delivery.transport.DeliveryAttempt;
import org.carepath.delivery.transport.SmtpDelivery;
import org.carepath.delivery.transport.TransportPolicy;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /portal/m/{token}}: the page behind a portal notice. Opening the link sends a one-time code to the
 * patient's address on file; the link and the code together show the message, once. Open without a login:
 * the link and the code are the credentials.
 */
@RestController
class PortalController {

    private final PortalInbox inbox;
    private final PatientRegistry patients;
    private final MessageComposer composer;
    private final SmtpDelivery smtp;
    private final String organisation;
    private final Session session = Session.getInstance(new Properties());

    PortalController(PortalInbox inbox, PatientRegistry patients, MessageComposer composer, SmtpDelivery smtp,
                     @Value("${carepath.delivery.organisation}") String organisation) {
        this.inbox = inbox;
        this.patients = patients;
        this.composer = composer;
        this.smtp = smtp;
        this.organisation = organisation;
    }

    @GetMapping(path = "/portal/m/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> start(@PathVariable String token) {
        Optional<PortalInbox.IssuedCode> issued = inbox.issueCode(token);
        Optional<PatientDetails> patient = issued.flatMap(c -> patients.find(c.patientId()));
        if (patient.isEmpty() || patient.get().email() == null) {
            return page(HttpStatus.NOT_FOUND, "<p>This link is no longer valid. It works once, for 14 days.</p>");
        }
        if (!sendCode(patient.get().email(), issued.get().code())) {
            return page(HttpStatus.SERVICE_UNAVAILABLE, "<p>We could not send your code just now. Please try the"
                    + " link again in a few minutes.</p>");
        }
        return page(HttpStatus.OK, "<p>We sent a code to your email address. Enter it to read your message.</p>"
                + form());
    }

    @PostMapping(path = "/portal/m/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> open(@PathVariable String token, @RequestParam(required = false) String code) {
        Optional<byte[]> message = inbox.open(token, code);
        if (message.isEmpty()) {
            return page(HttpStatus.BAD_REQUEST, "<p>That code did not open a message. Codes work for 10 minutes and"
                    + " five tries; open the link again for a new one.</p>" + form());
        }
        return page(HttpStatus.OK, render(message.get()));
    }

    private boolean sendCode(String address, String code) {
        try {
            IdempotencyKey key = new IdempotencyKey("portal", "code-" + UUID.randomUUID(), address);
            MimeMessage mail = composer.compose(MessageRequest.transactional("portal-code",
                    Map.of("organisation", organisation, "code", code), key));
            DeliveryAttempt attempt = smtp.deliver(mail, new InternetAddress(address, true),
                    TransportPolicy.PLAINTEXT_ALLOWED);
            return attempt.kind() == DeliveryAttempt.Kind.DELIVERED;
        } catch (MessagingException e) {
            return false;
        }
    }

    /** The message as text: the patient's own message, escaped, never interpreted as HTML. */
    private String render(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            String subject = message.getSubject() == null ? "" : message.getSubject();
            return "<h1>" + HtmlUtils.htmlEscape(subject) + "</h1><pre>" + HtmlUtils.htmlEscape(text(message))
                    + "</pre>";
        } catch (MessagingException | IOException e) {
            return "<p>This message could not be shown.</p>";
        }
    }

    private static String text(jakarta.mail.Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child.isMimeType("text/plain")) {
                    return child.getContent().toString();
                }
            }
            return multipart.getCount() > 0 ? text(multipart.getBodyPart(0)) : "";
        }
        return content.toString();
    }

    private static String form() {
        return "<form method=\"post\"><label>Code <input name=\"code\" inputmode=\"numeric\""
                + " autocomplete=\"one-time-code\" maxlength=\"6\"></label> <button type=\"submit\">Open</button></form>";
    }

    private ResponseEntity<String> page(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Secure message from "
                        + HtmlUtils.htmlEscape(organisation) + "</title></head><body>" + body + "</body></html>");
    }
}
