package org.carepath.delivery.compose;

import java.io.ByteArrayInputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A DKIM-signed message, parsed from the exact bytes that were signed. Any change would break the signature, so
 * {@code saveChanges()} (called by {@code Transport.send}) does nothing here: it would otherwise give the message a
 * new Message-ID and may re-encode its parts. Jakarta Mail writes a parsed, unchanged message back byte for byte.
 */
class SignedMimeMessage extends MimeMessage {

    SignedMimeMessage(Session session, byte[] signed) throws MessagingException {
        super(session, new ByteArrayInputStream(signed));
    }

    @Override
    public void saveChanges() {
        // already final: see the class comment
    }
}
