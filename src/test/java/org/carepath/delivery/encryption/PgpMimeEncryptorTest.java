package org.carepath.delivery.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our PGP/MIME output, decrypted and verified by GnuPG, a tool we did not write. */
class PgpMimeEncryptorTest {

    @TempDir
    static Path dir;

    static Path orgHome;
    static Path recipientHome;
    static String orgFingerprint;
    static String recipientFingerprint;
    static String orgSecretKey;
    static String recipientPublicKey;

    @BeforeAll
    static void keys() throws Exception {
        orgHome = home("org");
        recipientHome = home("recipient");
        orgFingerprint = generate(orgHome, "Clinic Example <care@clinic.example>", null);
        orgSecretKey = gpg(orgHome, "--armor", "--export-secret-keys", orgFingerprint).stdout();
        recipientFingerprint = generate(recipientHome, "Jane Patient <" + TestMessages.ADDRESS + ">", "encr");
        recipientPublicKey = gpg(recipientHome, "--armor", "--export", recipientFingerprint).stdout();
        Files.writeString(dir.resolve("org-public.asc"), gpg(orgHome, "--armor", "--export", orgFingerprint).stdout());
        gpg(recipientHome, "--import", dir.resolve("org-public.asc").toString());
    }

    @AfterAll
    static void stopAgents() throws Exception {
        for (Path home : List.of(orgHome, recipientHome)) {
            TestMessages.run(dir, "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
        }
    }

    @Test
    void gpgDecryptsAndVerifies() throws Exception {
        EncryptedMessage encrypted = new PgpMimeEncryptor(orgSecretKey, new char[0])
                .encrypt(TestMessages.message(), recipientPublicKey);
        MimeMessage message = encrypted.message();
        message.saveChanges(); // what Transport.send does before it writes
        MimeMessage parsed = TestMessages.parse(TestMessages.bytes(message));
        assertThat(parsed.getMessageID()).as("the idempotency key survives saveChanges")
                .isEqualTo(TestMessages.MESSAGE_ID);

        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        Path armoured = dir.resolve("encrypted.asc");
        Files.write(armoured, parts.getBodyPart(1).getInputStream().readAllBytes());
        TestMessages.Result result = TestMessages.run(dir, "gpg", "--homedir", recipientHome.toString(), "--batch",
                "--pinentry-mode", "loopback", "--passphrase", "", "--status-fd", "1",
                "--output", "decrypted.eml", "--decrypt", armoured.toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout())
                .contains("[GNUPG:] DECRYPTION_OKAY")
                .contains("[GNUPG:] GOODSIG " + orgFingerprint.substring(24))
                .contains("[GNUPG:] VALIDSIG " + orgFingerprint)
                // 2 = SEIPD with MDC, 9 = AES-256 (RFC 9580 section 9.3)
                .containsPattern("\\[GNUPG:\\] DECRYPTION_INFO 2 9")
                .contains("[GNUPG:] GOODMDC")
                .doesNotContain("BADSIG").doesNotContain("DECRYPTION_FAILED");
        MimeMessage decrypted = TestMessages.parse(Files.readAllBytes(dir.resolve("decrypted.eml")));
        assertThat(decrypted.getContentType()).startsWith("text/plain");
        assertThat((String) decrypted.getContent()).isEqualTo(TestMessages.BODY.replace("\n", "\r\n"));

        // the signature is over the MIME entity with CRLF line ends (RFC 3156 section 5)
        assertThat(Files.readString(dir.resolve("decrypted.eml"))).contains("\r\n").doesNotContainPattern("[^\r]\n");
        // packet layout as gpg --sign --encrypt without compression: PKESK, SEIPD{one-pass, literal, signature}
        TestMessages.Result packets = TestMessages.run(dir, "gpg", "--homedir", recipientHome.toString(), "--batch",
                "--pinentry-mode", "loopback", "--passphrase", "", "--list-packets", armoured.toString());
        assertThat(packets.exit()).as(packets.stderr()).isZero();
        assertThat(packets.stdout()).contains(":pubkey enc packet:").contains(":encrypted data packet:")
                .contains("mdc_method: 2").contains(":onepass_sig packet:").contains(":literal data packet:")
                .contains(":signature packet:").doesNotContain(":compressed packet:");
        assertThat(encrypted.method()).isEqualTo("PGP/MIME AES-256 SEIPD");
        assertThat(encrypted.recipientKeyId()).startsWith("openpgp fingerprint=" + recipientFingerprint + " subkey=");
    }

    @Test
    void curve25519KeysAsGnupgMakesThemByDefault() throws Exception {
        Path orgEd = home("org-ed25519");
        String orgEdFingerprint = generateDefault(orgEd, "Clinic Example <care@clinic.example>");
        String orgEdSecret = gpg(orgEd, "--armor", "--export-secret-keys", orgEdFingerprint).stdout();
        Files.writeString(dir.resolve("org-ed.asc"), gpg(orgEd, "--armor", "--export", orgEdFingerprint).stdout());
        Path janeCv = home("recipient-cv25519");
        String janeFingerprint = generateDefault(janeCv, "Jane Patient <" + TestMessages.ADDRESS + ">");
        String janePublic = gpg(janeCv, "--armor", "--export", janeFingerprint).stdout();
        gpg(janeCv, "--import", dir.resolve("org-ed.asc").toString());

        EncryptedMessage encrypted = new PgpMimeEncryptor(orgEdSecret, new char[0])
                .encrypt(TestMessages.message(), janePublic);
        MimeMultipart parts = (MimeMultipart) TestMessages.parse(TestMessages.bytes(encrypted.message())).getContent();
        Path armoured = dir.resolve("encrypted-cv25519.asc");
        Files.write(armoured, parts.getBodyPart(1).getInputStream().readAllBytes());
        TestMessages.Result result = TestMessages.run(dir, "gpg", "--homedir", janeCv.toString(), "--batch",
                "--pinentry-mode", "loopback", "--passphrase", "", "--status-fd", "1",
                "--output", "decrypted-cv25519.eml", "--decrypt", armoured.toString());
        for (Path home : List.of(orgEd, janeCv)) {
            TestMessages.run(dir, "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
        }

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("[GNUPG:] DECRYPTION_OKAY")
                .contains("[GNUPG:] VALIDSIG " + orgEdFingerprint).contains("[GNUPG:] GOODMDC");
        assertThat(Files.readString(dir.resolve("decrypted-cv25519.eml"))).contains(TestMessages.BODY_MARKER);
    }

    @Test
    void theStructureIsRfc3156WithTheHeadersOutside() throws Exception {
        EncryptedMessage encrypted = new PgpMimeEncryptor(orgSecretKey, new char[0])
                .encrypt(TestMessages.message(), recipientPublicKey);
        byte[] bytes = TestMessages.bytes(encrypted.message());
        MimeMessage parsed = TestMessages.parse(bytes);

        ContentType type = new ContentType(parsed.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/encrypted");
        assertThat(type.getParameter("protocol")).isEqualTo("application/pgp-encrypted");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart version = parts.getBodyPart(0);
        assertThat(version.getContentType()).isEqualTo("application/pgp-encrypted");
        assertThat(new String(version.getInputStream().readAllBytes()).trim()).isEqualTo("Version: 1");
        assertThat(new ContentType(parts.getBodyPart(1).getContentType()).getBaseType())
                .isEqualTo("application/octet-stream");
        assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes()))
                .startsWith("-----BEGIN PGP MESSAGE-----").contains("-----END PGP MESSAGE-----");
        assertThat(parsed.getMessageID()).isEqualTo(TestMessages.MESSAGE_ID);
        assertThat(parsed.getSubject()).isEqualTo(TestMessages.SUBJECT);
        assertThat(parsed.getAllRecipients()[0].toString()).isEqualTo(TestMessages.ADDRESS);
        assertThat(parsed.getFrom()[0].toString()).isEqualTo("care@clinic.example");
        assertThat(parsed.getSentDate()).isNotNull();
        assertThat(new String(bytes)).doesNotContain(TestMessages.BODY_MARKER).doesNotContain("text/plain");
    }

    @Test
    void aKeyWithoutEncryptionSubkeyIsRefusedWithoutNamingTheRecipient() throws Exception {
        Path home = home("sign-only");
        String fingerprint = generate(home, "Jane Patient <" + TestMessages.ADDRESS + ">", null);
        String signOnly = gpg(home, "--armor", "--export", fingerprint).stdout();
        TestMessages.run(dir, "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");

        assertThatThrownBy(() -> new PgpMimeEncryptor(orgSecretKey, new char[0])
                .encrypt(TestMessages.message(), signOnly))
                .isInstanceOf(UnusableKeyException.class)
                .hasMessage("recipient key has no encryption-capable subkey")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(TestMessages.ADDRESS)
                        .doesNotContain("Jane").doesNotContain(TestMessages.BODY_MARKER));
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        Path home = home("expired");
        // made in 2020 with a one-day validity: expired long before now
        String fingerprint = generate(home, "Jane Patient <" + TestMessages.ADDRESS + ">", "encr",
                "--faked-system-time", "20200101T000000!", "1d");
        String expired = gpg(home, "--armor", "--export", fingerprint).stdout();
        TestMessages.run(dir, "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");

        assertThatThrownBy(() -> new PgpMimeEncryptor(orgSecretKey, new char[0])
                .encrypt(TestMessages.message(), expired))
                .isInstanceOf(UnusableKeyException.class)
                .hasMessage("recipient key expired");
    }

    @Test
    void keysThatAreNotKeysAreRefused() {
        assertThatThrownBy(() -> new PgpMimeEncryptor("not a key", new char[0]))
                .isInstanceOf(UnusableKeyException.class)
                .hasMessage("signing key is not a readable OpenPGP secret key");
        assertThatThrownBy(() -> new PgpMimeEncryptor(orgSecretKey, new char[0])
                .encrypt(TestMessages.message(), "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n"))
                .isInstanceOf(UnusableKeyException.class)
                .hasMessageStartingWith("recipient key is not a readable OpenPGP public key");
    }

    private static Path home(String name) throws Exception {
        Path home = Files.createDirectory(dir.resolve("gnupg-" + name));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return home;
    }

    /** An RSA primary key for signing, and an encryption subkey when {@code subkeyUsage} is given. */
    private static String generate(Path home, String userId, String subkeyUsage, String... fakedTimeAndExpiry)
            throws Exception {
        List<String> time = new ArrayList<>();
        String expiry = "1y";
        if (fakedTimeAndExpiry.length == 3) {
            time = List.of(fakedTimeAndExpiry[0], fakedTimeAndExpiry[1]);
            expiry = fakedTimeAndExpiry[2];
        }
        List<String> generate = new ArrayList<>(time);
        generate.addAll(List.of("--quick-gen-key", userId, "rsa2048", "sign", expiry));
        gpg(home, generate.toArray(String[]::new));
        String fingerprint = gpg(home, "--with-colons", "--list-keys", userId).stdout().lines()
                .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        if (subkeyUsage != null) {
            List<String> add = new ArrayList<>(time);
            add.addAll(List.of("--quick-add-key", fingerprint, "rsa2048", subkeyUsage, expiry));
            gpg(home, add.toArray(String[]::new));
        }
        return fingerprint;
    }

    /** GnuPG's default algorithms: ed25519 primary key for signing, cv25519 subkey for encryption. */
    private static String generateDefault(Path home, String userId) throws Exception {
        gpg(home, "--quick-gen-key", userId, "future-default", "default", "1y");
        return gpg(home, "--with-colons", "--list-keys", userId).stdout().lines()
                .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    private static TestMessages.Result gpg(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch",
                "--pinentry-mode", "loopback", "--passphrase", ""));
        command.addAll(List.of(args));
        TestMessages.Result result = TestMessages.run(dir, command.toArray(String[]::new));
        assertThat(result.exit()).as(String.join(" ", command) + "\n" + result.stderr()).isZero();
        return result;
    }
}
