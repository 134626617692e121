package org.carepath.delivery.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our S/MIME output, decrypted and verified by OpenSSL, a tool we did not write. */
class SmimeEncryptorTest {

    @TempDir
    static Path dir;

    static KeyPair recipientKeys;
    static X509Certificate recipientCert;
    static X509Certificate recipientGcmCert;
    static KeyPair orgKeys;
    static X509Certificate orgCert;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        recipientKeys = rsa.generateKeyPair();
        orgKeys = rsa.generateKeyPair();
        Instant now = Instant.now();
        recipientCert = recipient(recipientKeys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), false);
        recipientGcmCert = recipient(recipientKeys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), true);
        orgCert = organisation(orgKeys);
        pem(dir.resolve("recipient-cert.pem"), recipientCert);
        pem(dir.resolve("recipient-key.pem"), recipientKeys.getPrivate());
        pem(dir.resolve("org-cert.pem"), orgCert);
    }

    @Test
    void cbcIsDecryptedAndVerifiedByOpenssl() throws Exception {
        EncryptedMessage encrypted = encryptor().encrypt(TestMessages.message(), recipientCert, SmimeCipher.AES_256_CBC);

        assertThat(encrypted.method()).isEqualTo("S/MIME AES-256-CBC");
        assertThat(opensslDecryptsAndVerifies(encrypted, "cbc")).contains(TestMessages.BODY_MARKER);
        assertThat(cmsContentType("cbc")).contains("pkcs7-envelopedData").contains("aes-256-cbc");
        assertOuterStructure(encrypted, "enveloped-data");
    }

    @Test
    void gcmIsDecryptedAndVerifiedByOpenssl() throws Exception {
        EncryptedMessage encrypted = encryptor().encrypt(TestMessages.message(), recipientCert, SmimeCipher.AES_256_GCM);

        assertThat(encrypted.method()).isEqualTo("S/MIME AES-256-GCM");
        assertThat(opensslDecryptsAndVerifies(encrypted, "gcm")).contains(TestMessages.BODY_MARKER);
        assertThat(cmsContentType("gcm")).contains("id-smime-ct-authEnvelopedData").contains("aes-256-gcm");
        assertOuterStructure(encrypted, "authEnveloped-data");
    }

    @Test
    void theCipherFollowsTheCertificatesCapabilities() throws Exception {
        assertThat(SmimeCipher.forRecipient(recipientCert)).isEqualTo(SmimeCipher.AES_256_CBC);
        assertThat(SmimeCipher.forRecipient(recipientGcmCert)).isEqualTo(SmimeCipher.AES_256_GCM);
        assertThat(encryptor().encrypt(TestMessages.message(), recipientGcmCert).method())
                .isEqualTo("S/MIME AES-256-GCM");
        assertThat(encryptor().encrypt(TestMessages.message(), recipientCert).method())
                .isEqualTo("S/MIME AES-256-CBC");
    }

    /** HTML alternative and a binary attachment: every nested part must reach the signature in canonical form. */
    @Test
    void aMultipartMessageSurvivesSigningAndEncryption() throws Exception {
        MimeMessage message = TestMessages.message();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(TestMessages.BODY, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>" + TestMessages.BODY.replace("\n", "<br>\n") + "</p>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(new byte[] { 0, 1, 2, (byte) 0xff, '\n', '\r' },
                        "application/octet-stream")));
        attachment.setFileName("results.bin");
        message.setContent(new MimeMultipart("mixed", body, attachment));

        EncryptedMessage encrypted = encryptor().encrypt(message, recipientCert, SmimeCipher.AES_256_GCM);

        String verified = opensslDecryptsAndVerifies(encrypted, "multipart", false);
        MimeMessage inner = TestMessages.parse(verified.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        MimeMultipart mixed = (MimeMultipart) inner.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes())
                .containsExactly(0, 1, 2, 0xff, '\n', '\r');
        assertThat(((MimeMultipart) mixed.getBodyPart(0).getContent()).getBodyPart(1).getContent().toString())
                .contains(TestMessages.BODY_MARKER);
    }

    @Test
    void evidenceIsTheSerialAndFingerprintNotTheName() throws Exception {
        EncryptedMessage encrypted = encryptor().encrypt(TestMessages.message(), recipientCert);

        assertThat(encrypted.recipientKeyId())
                .startsWith("x509 serial=" + recipientCert.getSerialNumber().toString(16) + " sha256=")
                .doesNotContain(TestMessages.ADDRESS).doesNotContain("Jane");
    }

    @Test
    void anExpiredCertificateIsRefusedWithoutNamingTheRecipient() throws Exception {
        Instant now = Instant.now();
        X509Certificate expired = recipient(recipientKeys, now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(35)), false);

        assertThatThrownBy(() -> encryptor().encrypt(TestMessages.message(), expired))
                .isInstanceOf(UnusableKeyException.class)
                .hasMessage("recipient certificate expired")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(TestMessages.ADDRESS)
                        .doesNotContain("Jane").doesNotContain(TestMessages.BODY_MARKER));
    }

    @Test
    void aSigningOnlyCertificateIsRefusedAsRecipient() throws Exception {
        assertThatThrownBy(() -> encryptor().encrypt(TestMessages.message(), orgCert))
                .isInstanceOf(UnusableKeyException.class)
                .hasMessage("recipient certificate does not allow key encipherment");
    }

    private static SmimeEncryptor encryptor() {
        return new SmimeEncryptor(orgKeys.getPrivate(), orgCert);
    }

    /** Decrypts with the recipient's key, then verifies against the organisation's certificate; both must pass. */
    private static String opensslDecryptsAndVerifies(EncryptedMessage encrypted, String name) throws Exception {
        return opensslDecryptsAndVerifies(encrypted, name, true);
    }

    private static String opensslDecryptsAndVerifies(EncryptedMessage encrypted, String name, boolean plainText)
            throws Exception {
        MimeMessage message = encrypted.message();
        message.saveChanges(); // what Transport.send does before it writes
        Path eml = dir.resolve(name + ".eml");
        Files.write(eml, TestMessages.bytes(message));

        TestMessages.Result decrypt = TestMessages.run(dir, "openssl", "cms", "-decrypt",
                "-recip", "recipient-cert.pem", "-inkey", "recipient-key.pem",
                "-in", eml.toString(), "-out", name + "-decrypted.eml");
        assertThat(decrypt.exit()).as(decrypt.stderr()).isZero();
        String decrypted = Files.readString(dir.resolve(name + "-decrypted.eml"));
        assertThat(decrypted).startsWith("Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";");

        TestMessages.Result verify = TestMessages.run(dir, "openssl", "cms", "-verify", "-CAfile", "org-cert.pem",
                "-in", name + "-decrypted.eml", "-out", name + "-verified.eml");
        assertThat(verify.exit()).as(verify.stderr()).isZero();
        assertThat(verify.stderr()).contains("Verification successful");

        // the signer's certificate travels in the signature: verify again with nothing but the trust anchor
        TestMessages.Result signer = TestMessages.run(dir, "openssl", "cms", "-verify", "-CAfile", "org-cert.pem",
                "-in", name + "-decrypted.eml", "-signer", name + "-signer.pem", "-out", "/dev/null");
        assertThat(signer.exit()).as(signer.stderr()).isZero();
        assertThat(Files.readString(dir.resolve(name + "-signer.pem"))).isEqualTo(pemText(orgCert));

        if (plainText) {
            MimeMessage inner = TestMessages.parse(Files.readAllBytes(dir.resolve(name + "-verified.eml")));
            assertThat(inner.getContentType()).startsWith("text/plain");
            assertThat((String) inner.getContent()).isEqualTo(TestMessages.BODY.replace("\n", "\r\n"));
        }
        return Files.readString(dir.resolve(name + "-verified.eml"), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String cmsContentType(String name) throws Exception {
        TestMessages.Result print = TestMessages.run(dir, "openssl", "cms", "-cmsout", "-print", "-inform", "SMIME",
                "-in", name + ".eml");
        assertThat(print.exit()).as(print.stderr()).isZero();
        return print.stdout();
    }

    /** Parsed back with Jakarta Mail: routing headers outside, nothing of the content. */
    private static void assertOuterStructure(EncryptedMessage encrypted, String smimeType) throws Exception {
        byte[] bytes = TestMessages.bytes(encrypted.message());
        MimeMessage parsed = TestMessages.parse(bytes);
        ContentType type = new ContentType(parsed.getContentType());
        assertThat(type.getBaseType()).isEqualTo("application/pkcs7-mime");
        assertThat(type.getParameter("smime-type")).isEqualTo(smimeType);
        assertThat(type.getParameter("name")).isEqualTo("smime.p7m");
        assertThat(parsed.getEncoding()).isEqualTo("base64");
        assertThat(parsed.getMessageID()).isEqualTo(TestMessages.MESSAGE_ID);
        assertThat(parsed.getSubject()).isEqualTo(TestMessages.SUBJECT);
        assertThat(parsed.getFrom()[0].toString()).isEqualTo("care@clinic.example");
        assertThat(parsed.getAllRecipients()[0].toString()).isEqualTo(TestMessages.ADDRESS);
        assertThat(parsed.getSentDate()).isNotNull();
        assertThat(parsed.getHeader("Content-Type")).hasSize(1);
        assertThat(new String(bytes)).doesNotContain(TestMessages.BODY_MARKER).doesNotContain("text/plain");
    }

    static X509Certificate recipient(KeyPair keys, Instant from, Instant to, boolean advertiseGcm) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name("CN=Jane Patient, E=" + TestMessages.ADDRESS), BigInteger.valueOf(Instant.now().toEpochMilli()),
                Date.from(from), Date.from(to), new X500Name("CN=Jane Patient, E=" + TestMessages.ADDRESS),
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyEncipherment | KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        if (advertiseGcm) {
            // RFC 4262: the SMIMECapabilities certificate extension
            builder.addExtension(PKCSObjectIdentifiers.pkcs_9_at_smimeCapabilities, false, new DERSequence(
                    new SMIMECapability[] { new SMIMECapability(NISTObjectIdentifiers.id_aes256_GCM, null),
                            new SMIMECapability(NISTObjectIdentifiers.id_aes256_CBC, null) }));
        }
        return sign(builder, keys);
    }

    /** Self-signed and its own trust anchor: CA:true so OpenSSL accepts it as the issuer of itself. */
    static X509Certificate organisation(KeyPair keys) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Clinic Example Secure Mail, O=Clinic Example");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(7),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyCertSign));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        return sign(builder, keys);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair keys) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static void pem(Path file, Object object) throws Exception {
        Files.writeString(file, pemText(object));
    }

    private static String pemText(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
