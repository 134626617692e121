package org.carepath.delivery.compose;

import java.time.Clock;
import java.util.Date;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Builds the message of one delivery: multipart/alternative with a text and an HTML part (UTF-8,
 * quoted-printable), From the organisation, To one recipient, and a Message-ID derived from the idempotency key
 * that survives {@code saveChanges()}. Marketing messages get the RFC 8058 one-click unsubscribe headers.
 *
 * <p>The message is saved before it is returned, so its headers are final and can be signed as they are.
 */
public class MessageComposer {

    private final MessageTemplates templates;
    private final ComposeSettings settings;
    private final Session session;
    private final Clock clock;

    public MessageComposer(MessageTemplates templates, ComposeSettings settings, Session session, Clock clock) {
        this.templates = templates;
        this.settings = settings;
        this.session = session;
        this.clock = clock;
    }

    public MimeMessage compose(MessageRequest request) throws MessagingException {
        RenderedMessage rendered = templates.render(request.template(), request.variables());

        MimeMessage message = new StableIdMimeMessage(session, MessageIds.of(request.key(), settings.mailDomain()));
        message.setFrom(settings.fromAddress());
        message.setRecipient(Message.RecipientType.TO, recipient(request.recipient()));
        message.setSubject(HeaderValues.requireSingleLine("subject", rendered.subject()), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        if (request.unsubscribe().isPresent()) {
            message.setHeader("List-Unsubscribe", request.unsubscribe().get()
                    .listUnsubscribe(settings.unsubscribeBase(), settings.unsubscribeMailto()));
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        MimeMultipart alternative = new MimeMultipart("alternative");
        // Plain text first: RFC 2046 orders alternatives from the simplest to the richest
        alternative.addBodyPart(part(rendered.text(), "plain"));
        alternative.addBodyPart(part(rendered.html(), "html"));
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, "UTF-8", subtype);
        // Quoted-printable always (not base64, not 8bit): readable in transit logs of our own, safe on 7-bit
        // paths, and lines stay short, which DKIM and old relays like
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    /** One plain address: no list, no group, no line break; the error never repeats it. */
    private static InternetAddress recipient(String address) {
        HeaderValues.requireSingleLine("recipient", address);
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(address, true);
            if (parsed.length != 1 || parsed[0].isGroup()) {
                throw new IllegalArgumentException("recipient must be exactly one address");
            }
            parsed[0].validate();
            return new InternetAddress(parsed[0].getAddress());
        } catch (AddressException e) {
            throw new IllegalArgumentException("recipient is not a valid address");
        }
    }
}
