package org.carepath.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.carepath.cli.DeliveryRate;
import org.carepath.cli.PlainSmtpLoop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The yardstick of {@code bench delivery} against the test's STARTTLS server: counts, not clock times. */
class PlainSmtpLoopTest {

    static TestCertificates trusted;
    static TestCertificates untrusted;

    @BeforeAll
    static void certificates() throws Exception {
        trusted = new TestCertificates("CN=carepath test CA");
        untrusted = new TestCertificates("CN=someone else's CA");
    }

    @Test
    void everyMessageGoesOverOneVerifiedStarttlsConnectionPerThread() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(trusted.serverContext("localhost"), "250 2.1.5 OK")) {
            PlainSmtpLoop loop = new PlainSmtpLoop("localhost", server.host().port(), trusted.trustStore(), 2);

            DeliveryRate rate = loop.run(messages(6));

            assertThat(rate.messages()).isEqualTo(6);
            assertThat(rate.delivered()).isEqualTo(6);
            assertThat(rate.failed()).isZero();
            assertThat(server.messages).hasSize(6);
            assertThat(server.connections.get()).isEqualTo(2);
            assertThat(server.sawCommand("STARTTLS")).isTrue();
            assertThat(rate.p99Millis()).isGreaterThanOrEqualTo(rate.p50Millis());
        }
    }

    @Test
    void aCertificateFromAnotherCaSendsNothingAndCountsFailures() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(untrusted.serverContext("localhost"), "250 OK")) {
            PlainSmtpLoop loop = new PlainSmtpLoop("localhost", server.host().port(), trusted.trustStore(), 1);

            DeliveryRate rate = loop.run(messages(2));

            assertThat(rate.delivered()).isZero();
            assertThat(rate.failed()).isEqualTo(2);
            assertThat(server.messages).isEmpty();
        }
    }

    private static List<MimeMessage> messages(int count) throws Exception {
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress("care@clinic.example"));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("p" + i + "@patients.example"));
            message.setSubject("Appointment reminder");
            message.setText("message " + i, "UTF-8");
            message.saveChanges();
            messages.add(message);
        }
        return messages;
    }
}
