package org.carepath.delivery.compose;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MimeMessage whose Message-ID is fixed. Jakarta Mail's {@code saveChanges()} (which {@code Transport.send}
 * calls) replaces the Message-ID with a fresh random one through {@code updateMessageID()}; a retry would then be
 * a different message to the receiving side. Overriding it keeps the id derived from the idempotency key.
 */
class StableIdMimeMessage extends MimeMessage {

    private final String messageId;

    StableIdMimeMessage(Session session, String messageId) throws MessagingException {
        super(session);
        this.messageId = HeaderValues.requireSingleLine("Message-ID", messageId);
        setHeader("Message-ID", messageId);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
