package org.carepath.delivery.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DKIM signatures checked by a verifier we did not write: dkimpy (Debian package python3-dkim), through its
 * Python API with the public key handed in place of DNS.
 */
class DkimSignerTest {

    // Debian's python3-dkim lives in the system interpreter's dist-packages; a pyenv or venv python3 on PATH
    // would not see it
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private static final String VERIFY = """
            import sys, dkim
            message = open(sys.argv[1], 'rb').read()
            record = ('v=DKIM1; k=rsa; p=' + sys.argv[2]).encode()
            print(dkim.verify(message, dnsfunc=lambda name, timeout=5: record
                              if name == b'carepath2026._domainkey.riverside.example.' or
                                 name == b'carepath2026._domainkey.riverside.example' else None))
            """;

    private static KeyPair keys;
    private static DkimSigner signer;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        signer = DkimSigner.fromPem("riverside.example", "carepath2026", pem, Clock.systemUTC());
    }

    @Test
    void aReminderVerifiesWithDkimpyAndFailsAfterOneBodyByteChanges() throws Exception {
        MimeMessage signed = signer.sign(MessageComposerTest.composer().compose(MessageComposerTest.reminder(
                new IdempotencyKey("journey-7f3a", "send-reminder", "jane@example.org"))), MessageComposerTest.SESSION);
        byte[] bytes = bytes(signed);

        assertThat(dkimpy(bytes)).isEqualTo("True");

        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("Dear ");
        assertThat(at).isPositive();
        byte[] tampered = bytes.clone();
        tampered[at] = 'N';
        assertThat(dkimpy(tampered)).isEqualTo("False");

        // a second From added on the way (shown by some clients instead of ours) breaks the signature too
        String addedFrom = text.replace("\r\nDate: ", "\r\nFrom: Not Riverside <x@evil.example>\r\nDate: ");
        assertThat(addedFrom).isNotEqualTo(text);
        assertThat(dkimpy(addedFrom.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("False");
    }

    @Test
    void aMarketingMessageSignsTheUnsubscribeHeadersAndSurvivesSaveChanges() throws Exception {
        MimeMessage signed = signer.sign(MessageComposerTest.composer().compose(MessageRequest.marketing(
                "portal-notice", MessageComposerTest.portalVariables(),
                new IdempotencyKey("journey-1", "promo", "jane@example.org"), new Unsubscribe(MessageComposerTest.TOKEN))),
                MessageComposerTest.SESSION);
        String id = signed.getMessageID();
        signed.saveChanges();  // Transport.send does this: it must change nothing

        byte[] bytes = bytes(signed);
        String header = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2)[0];
        assertThat(header).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=riverside.example; "
                + "s=carepath2026;");
        assertThat(header.replaceAll("\r\n\t", " ")).contains(
                "h=from:to:subject:date:message-id:mime-version:content-type:list-unsubscribe:list-unsubscribe-post"
                        + ":from:to:subject;");
        assertThat(signed.getMessageID()).isEqualTo(id);
        assertThat(dkimpy(bytes)).isEqualTo("True");

        // a relay pointing the one-click link elsewhere breaks the signature
        String moved = new String(bytes, StandardCharsets.ISO_8859_1)
                .replace("https://carepath.riverside.example/u/", "https://evil.example/u/");
        assertThat(dkimpy(moved.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("False");
    }

    @Test
    void relaxedCanonicalisationToleratesRefoldingAndTrailingWhitespace() throws Exception {
        MimeMessage signed = signer.sign(MessageComposerTest.composer().compose(MessageComposerTest.reminder(
                new IdempotencyKey("j", "s", "jane@example.org"))), MessageComposerTest.SESSION);
        String text = new String(bytes(signed), StandardCharsets.ISO_8859_1);
        // what relays do: re-fold a header, add trailing spaces and blank lines at the end of the body
        String relayed = text.replaceFirst("\r\nSubject: Appointment reminder", "\r\nSubject:   Appointment\r\n  reminder")
                .replace("\r\nDear ", "\r\nDear   ").replaceFirst("\r\n$", "  \r\n\r\n\r\n");
        assertThat(relayed).isNotEqualTo(text);
        assertThat(dkimpy(relayed.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("True");
    }

    @Test
    void aLongNonAsciiSubjectFoldedByJakartaMailStillVerifies() throws Exception {
        java.util.Map<String, Object> variables = MessageComposerTest.reminderVariables();
        variables.put("organisation", "Hôpital Universitaire Sainte-Thérèse de la Vallée du Rhône, Département de Cardiologie");
        MimeMessage signed = signer.sign(MessageComposerTest.composer().compose(MessageRequest.transactional(
                "appointment-reminder", variables, new IdempotencyKey("j", "s", "jane@example.org"))),
                MessageComposerTest.SESSION);
        byte[] bytes = bytes(signed);

        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("Subject: =?UTF-8?");
        assertThat(signed.getSubject()).contains("Sainte-Thérèse");
        assertThat(dkimpy(bytes)).isEqualTo("True");
    }

    @Test
    void relaxedBodyCanonicalisationAsRfc6376Section3_4_4() {
        assertThat(RelaxedCanonicalization.body(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
        assertThat(RelaxedCanonicalization.body("")).isEmpty();
        assertThat(RelaxedCanonicalization.body("\r\n\r\n")).isEmpty();
        assertThat(RelaxedCanonicalization.body("a\r\n\r\nb")).isEqualTo("a\r\n\r\nb\r\n");
        // the worked example of RFC 6376 section 3.4.5
        assertThat(RelaxedCanonicalization.header("A: X")).isEqualTo("a:X");
        assertThat(RelaxedCanonicalization.header("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z");
    }

    private String dkimpy(byte[] message) throws Exception {
        Path script = dir.resolve("verify.py");
        Files.writeString(script, VERIFY);
        Path file = Files.createTempFile(dir, "message", ".eml");
        Files.write(file, message);
        Process process = new ProcessBuilder(PYTHON, script.toString(), file.toString(),
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("dkimpy finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as("dkimpy (apt-get install python3-dkim) ran: %s", output).isZero();
        return output;
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
