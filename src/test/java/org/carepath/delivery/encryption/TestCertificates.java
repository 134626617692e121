package org.carepath.delivery.encryption;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Recipient certificates for tests outside this package, made as the S/MIME tests make theirs. */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** A recipient's certificate and private key, as PEM. */
    public record Recipient(String certificatePem, String keyPem) {
    }

    /** A self-signed S/MIME recipient certificate valid from {@code from} to {@code to}, as PEM. */
    public static String recipientPem(Instant from, Instant to) throws Exception {
        return recipient(from, to).certificatePem();
    }

    public static Recipient recipient(Instant from, Instant to) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        return new Recipient(pem(SmimeEncryptorTest.recipient(keys, from, to, false)), pem(keys.getPrivate()));
    }

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
