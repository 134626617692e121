package org.carepath.delivery.encryption;

import jakarta.mail.internet.MimeMessage;

/**
 * A message ready to send, with the evidence for the delivery record: how it was encrypted ({@code method}, e.g.
 * {@code S/MIME AES-256-GCM}) and which recipient key it was encrypted to ({@code recipientKeyId}: a certificate's
 * serial and SHA-256 fingerprint, or an OpenPGP key fingerprint). Neither names the recipient.
 */
public record EncryptedMessage(MimeMessage message, String method, String recipientKeyId) {
}
