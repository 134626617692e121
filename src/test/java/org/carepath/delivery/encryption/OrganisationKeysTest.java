package org.carepath.delivery.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys generated for the embedded default sign mail that openssl and gpg verify. */
class OrganisationKeysTest {

    @TempDir
    Path dir;

    private Path gpgHome;

    @AfterEach
    void stopAgent() throws Exception {
        if (gpgHome != null) {
            TestMessages.run(dir, "gpgconf", "--homedir", gpgHome.toString(), "--kill", "gpg-agent");
        }
    }

    @Test
    void generatedOnceAndKeptOwnerOnly() throws Exception {
        Path keys = dir.resolve("keys");
        OrganisationKeyFiles.ensure(keys, "Riverside Clinic", "care@riverside.example", new char[0]);
        String certificate = Files.readString(keys.resolve(OrganisationKeyFiles.SMIME_CERTIFICATE));
        OrganisationKeyFiles.ensure(keys, "Riverside Clinic", "care@riverside.example", new char[0]);
        assertThat(Files.readString(keys.resolve(OrganisationKeyFiles.SMIME_CERTIFICATE))).isEqualTo(certificate);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve(OrganisationKeyFiles.SMIME_KEY)))).isEqualTo("rw-------");
    }

    @Test
    void opensslVerifiesTheGeneratedSmimeSignature() throws Exception {
        Path keys = dir.resolve("keys");
        OrganisationKeyFiles.ensure(keys, "Riverside Clinic", "care@riverside.example", new char[0]);
        SmimeEncryptor encryptor = new SmimeEncryptor(
                OrganisationKeys.privateKey(keys.resolve(OrganisationKeyFiles.SMIME_KEY)),
                OrganisationKeys.certificate(keys.resolve(OrganisationKeyFiles.SMIME_CERTIFICATE)));
        Instant now = Instant.now();
        TestCertificates.Recipient recipient = TestCertificates.recipient(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        X509Certificate recipientCertificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(recipient.certificatePem().getBytes()));
        Files.writeString(dir.resolve("r-cert.pem"), recipient.certificatePem());
        Files.writeString(dir.resolve("r-key.pem"), recipient.keyPem());

        var encrypted = encryptor.encrypt(TestMessages.message(), recipientCertificate);
        encrypted.message().saveChanges();
        Files.write(dir.resolve("msg.eml"), TestMessages.bytes(encrypted.message()));
        var decrypt = TestMessages.run(dir, "openssl", "cms", "-decrypt", "-recip", "r-cert.pem", "-inkey",
                "r-key.pem", "-in", "msg.eml", "-out", "signed.eml");
        assertThat(decrypt.exit()).as(decrypt.stderr()).isZero();
        var verify = TestMessages.run(dir, "openssl", "cms", "-verify", "-CAfile",
                keys.resolve(OrganisationKeyFiles.SMIME_CERTIFICATE).toString(), "-in", "signed.eml", "-out",
                "content.eml");
        assertThat(verify.exit()).as(verify.stderr()).isZero();
        assertThat(verify.stderr()).contains("Verification successful");
        assertThat(Files.readString(dir.resolve("content.eml"))).contains(TestMessages.BODY.lines().findFirst()
                .orElseThrow());
    }

    @Test
    void gpgVerifiesTheGeneratedOpenPgpKeysSignature() throws Exception {
        Path keys = dir.resolve("keys");
        OrganisationKeyFiles.ensure(keys, "Riverside Clinic", "care@riverside.example", new char[0]);
        String orgSecret = Files.readString(keys.resolve(OrganisationKeyFiles.PGP_SECRET_KEY));
        PgpMimeEncryptor encryptor = new PgpMimeEncryptor(orgSecret, new char[0]);

        gpgHome = Files.createDirectory(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gpgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        gpg("--quick-gen-key", "Jane <jane@example.org>", "rsa2048", "sign", "1y");
        String fingerprint = gpg("--with-colons", "--list-keys", "jane@example.org").stdout().lines()
                .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        gpg("--quick-add-key", fingerprint, "rsa2048", "encr", "1y");
        String janePublic = gpg("--armor", "--export", fingerprint).stdout();
        // the organisation's public key, as gpg reads it from the generated secret key ring
        Files.writeString(dir.resolve("org-secret.asc"), orgSecret);
        gpg("--import", dir.resolve("org-secret.asc").toString());

        var encrypted = encryptor.encrypt(TestMessages.message(), janePublic);
        encrypted.message().saveChanges();
        MimeMultipart parts = (MimeMultipart) TestMessages.parse(TestMessages.bytes(encrypted.message())).getContent();
        Files.write(dir.resolve("encrypted.asc"), parts.getBodyPart(1).getInputStream().readAllBytes());
        var result = TestMessages.run(dir, "gpg", "--homedir", gpgHome.toString(), "--batch", "--pinentry-mode",
                "loopback", "--passphrase", "", "--status-fd", "1", "--output", "decrypted.eml", "--decrypt",
                "encrypted.asc");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("[GNUPG:] DECRYPTION_OKAY").contains("[GNUPG:] GOODSIG")
                .doesNotContain("BADSIG");
        assertThat(encrypted.recipientKeyId()).containsIgnoringCase(fingerprint);
    }

    private TestMessages.Result gpg(String... args) throws Exception {
        String[] command = new String[args.length + 6];
        command[0] = "gpg";
        command[1] = "--homedir";
        command[2] = gpgHome.toString();
        command[3] = "--batch";
        command[4] = "--pinentry-mode";
        command[5] = "loopback";
        System.arraycopy(args, 0, command, 6, args.length);
        String[] withPass = new String[command.length + 2];
        System.arraycopy(command, 0, withPass, 0, 6);
        withPass[6] = "--passphrase";
        withPass[7] = "";
        System.arraycopy(command, 6, withPass, 8, args.length);
        TestMessages.Result result = TestMessages.run(dir, withPass);
        assertThat(result.exit()).as(String.join(" ", withPass) + "\n" + result.stderr()).isZero();
        return result;
    }
}
