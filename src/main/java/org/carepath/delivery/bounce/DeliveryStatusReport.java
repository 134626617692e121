package org.carepath.delivery.bounce;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * A delivery status notification (RFC 3464, {@code multipart/report; report-type=delivery-status}) as a
 * receiving server mails it back: one block of fields per recipient, and the returned message or its headers,
 * whose Message-ID names our message. Parsed leniently where servers differ (header case, missing parts) and
 * strictly where it matters: a mail that is not a delivery status report is refused.
 */
public record DeliveryStatusReport(List<RecipientStatus> recipients, Optional<String> originalMessageId) {

    /** One recipient's fields: the address, {@code Action} (failed, delayed, delivered...) and {@code Status}. */
    public record RecipientStatus(String finalRecipient, String action, String status) {

        public boolean failed() {
            return "failed".equals(action);
        }
    }

    public static DeliveryStatusReport parse(byte[] raw) throws InvalidReportException {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            if (!message.isMimeType("multipart/report")) {
                throw new InvalidReportException("not a multipart/report (RFC 3464 delivery status notification)");
            }
            Multipart parts = (Multipart) message.getContent();
            List<RecipientStatus> recipients = null;
            Optional<String> original = Optional.empty();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("message/delivery-status")) {
                    recipients = recipients(bytes(part));
                } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                        || part.isMimeType("message/rfc822-headers")) {
                    original = messageId(bytes(part));
                }
            }
            if (recipients == null) {
                throw new InvalidReportException("the report has no message/delivery-status part");
            }
            return new DeliveryStatusReport(recipients, original);
        } catch (MessagingException | IOException e) {
            throw new InvalidReportException("the report is not a readable MIME message");
        }
    }

    /** The raw bytes of a part; Jakarta Mail may hand message/* content back as a parsed object, we want text. */
    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /** The per-message block comes first, then one block per recipient, separated by blank lines. */
    private static List<RecipientStatus> recipients(byte[] fields) throws MessagingException {
        List<RecipientStatus> recipients = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(fields);
        new InternetHeaders(in); // per-message fields (Reporting-MTA, Arrival-Date): nothing we need
        while (in.available() > 0) {
            InternetHeaders block = new InternetHeaders(in);
            String recipient = first(block, "Final-Recipient");
            if (recipient != null) {
                String action = first(block, "Action");
                recipients.add(new RecipientStatus(address(recipient), action == null ? null
                        : action.strip().toLowerCase(Locale.ROOT), strip(first(block, "Status"))));
            }
        }
        return recipients;
    }

    /** {@code rfc822; jane@example.org} → {@code jane@example.org}. */
    private static String address(String typed) {
        int semicolon = typed.indexOf(';');
        String address = semicolon < 0 ? typed : typed.substring(semicolon + 1);
        address = address.strip();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1);
        }
        return address;
    }

    private static Optional<String> messageId(byte[] returned) throws MessagingException {
        return Optional.ofNullable(first(new InternetHeaders(new ByteArrayInputStream(returned)), "Message-ID"))
                .map(String::strip);
    }

    private static String first(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
