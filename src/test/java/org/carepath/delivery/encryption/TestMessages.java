package org.carepath.delivery.encryption;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** A message with PHI in it, and a runner for the command-line tools that check our output. */
final class TestMessages {

    static final String ADDRESS = "jane.patient@example.org";
    static final String BODY = "Dear Jane,\nyour HbA1c result is 6.1 %. Caf\u00e9 appointment on Monday.\nCare team";
    static final String BODY_MARKER = "HbA1c result is 6.1";
    static final String SUBJECT = "Your results";
    static final String MESSAGE_ID = "<j-42.step-3.r-7@carepath.example>";

    static final Session SESSION = Session.getInstance(new Properties());

    private TestMessages() {
    }

    static MimeMessage message() throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress("care@clinic.example"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(ADDRESS));
        message.setSubject(SUBJECT);
        message.setSentDate(new Date());
        message.setHeader("Message-ID", MESSAGE_ID);
        message.setText(BODY, "UTF-8");
        return message;
    }

    static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    }

    record Result(int exit, String stdout, String stderr) {
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile());
        builder.environment().put("LC_ALL", "C");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    static String[] args(String... parts) {
        return new ArrayList<>(List.of(parts)).toArray(String[]::new);
    }
}
