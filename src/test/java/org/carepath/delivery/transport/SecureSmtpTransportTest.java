package org.carepath.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.carepath.delivery.bounce.HardBounce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SecureSmtpTransportTest {

    static final String ADDRESS = "jane.patient@example.org";
    static final String SUBJECT = "Your results";
    static final String BODY_MARKER = "HbA1c result is 6.1";

    static TestCertificates trusted;
    static TestCertificates untrusted;

    SmtpConnections connections;
    SecureSmtpTransport transport;

    @BeforeAll
    static void certificates() throws Exception {
        trusted = new TestCertificates("CN=carepath test CA");
        untrusted = new TestCertificates("CN=someone else's CA");
    }

    @BeforeEach
    void transport() throws Exception {
        connections = new SmtpConnections(trusted.trustStore(), Duration.ofSeconds(5), "carepath.test");
        transport = new SecureSmtpTransport(connections);
    }

    @AfterEach
    void close() {
        connections.close();
    }

    static MimeMessage message() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("care@clinic.example"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(ADDRESS));
        message.setSubject(SUBJECT);
        message.setSentDate(new Date());
        message.setText("Dear Jane,\nyour " + BODY_MARKER + " %.\nCare team", "UTF-8");
        message.saveChanges();
        return message;
    }

    static InternetAddress recipient() throws Exception {
        return new InternetAddress(ADDRESS);
    }

    @Test
    void verifiedTlsDeliversOverTls12Or13WithATrustedCertificate(CapturedOutput output) throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(trusted.serverContext("localhost"), "250 2.1.5 {rcpt} OK")) {
            DeliveryAttempt attempt = transport.send(message(), recipient(), server.host(), TransportPolicy.VERIFIED_TLS);

            assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.DELIVERED);
            assertThat(attempt.replyCode()).isEqualTo(250);
            assertThat(attempt.tlsProtocol()).isIn("TLSv1.2", "TLSv1.3");
            assertThat(attempt.cipherSuite()).startsWith("TLS_");
            assertThat(attempt.tlsVerified()).isTrue();
            assertThat(attempt.tlsProblem()).isNull();
            assertThat(attempt.server()).isEqualTo(server.host().toString());
            assertThat(attempt.finishedAt()).isAfterOrEqualTo(attempt.startedAt());
            assertThat(server.messages).singleElement().satisfies(m -> {
                assertThat(m).contains("Subject: " + SUBJECT).contains(BODY_MARKER);
            });
            // STARTTLS came before the envelope
            assertThat(server.commands.indexOf("STARTTLS"))
                    .isLessThan(indexOf(server, "MAIL FROM")).isNotNegative();
            assertThat(output.getAll() + attempt).doesNotContain(ADDRESS).doesNotContain(BODY_MARKER);
        }
    }

    @Test
    void anUntrustedCertificateIsTlsUnavailableAndNothingIsSent(CapturedOutput output) throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(untrusted.serverContext("localhost"), "250 OK")) {
            DeliveryAttempt attempt = transport.send(message(), recipient(), server.host(), TransportPolicy.VERIFIED_TLS);

            assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.TLS_UNAVAILABLE);
            assertThat(attempt.tlsProblem()).isEqualTo(DeliveryAttempt.TlsProblem.CERTIFICATE_NOT_TRUSTED);
            assertThat(server.sawCommand("MAIL")).isFalse();
            assertThat(server.sawCommand("DATA")).isFalse();
            assertThat(server.messages).isEmpty();
            assertThat(output.getAll()).doesNotContain(ADDRESS);
        }
    }

    @Test
    void aCertificateForAnotherHostIsTlsUnavailable() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(trusted.serverContext("mx.other.example"), "250 OK")) {
            // the certificate names 127.0.0.1 too; connect by a name it does not carry
            SmtpHost byName = new SmtpHost("localhost", server.host().port());
            DeliveryAttempt attempt = transport.send(message(), recipient(), byName, TransportPolicy.VERIFIED_TLS);

            assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.TLS_UNAVAILABLE);
            assertThat(attempt.tlsProblem()).isEqualTo(DeliveryAttempt.TlsProblem.HOST_NAME_MISMATCH);
            assertThat(server.sawCommand("MAIL")).isFalse();
        }
    }

    @Test
    void aServerWithoutStarttlsIsTlsUnavailableAndNoEnvelopeIsSent() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(null, "250 OK")) {
            DeliveryAttempt attempt = transport.send(message(), recipient(), server.host(), TransportPolicy.VERIFIED_TLS);

            assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.TLS_UNAVAILABLE);
            assertThat(attempt.tlsProblem()).isEqualTo(DeliveryAttempt.TlsProblem.NO_STARTTLS);
            assertThat(server.sawCommand("EHLO")).isTrue();
            assertThat(server.sawCommand("MAIL")).isFalse();
            assertThat(server.sawCommand("DATA")).isFalse();
        }
    }

    @Test
    void greenMailWithoutTlsReceivesNothingUnderVerifiedTlsAndTheMessageUnderPlaintextAllowed() throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        try {
            SmtpHost server = new SmtpHost("localhost", greenMail.getSmtp().getPort());

            DeliveryAttempt refused = transport.send(message(), recipient(), server, TransportPolicy.VERIFIED_TLS);
            assertThat(refused.kind()).isEqualTo(DeliveryAttempt.Kind.TLS_UNAVAILABLE);
            assertThat(refused.tlsProblem()).isEqualTo(DeliveryAttempt.TlsProblem.NO_STARTTLS);
            assertThat(greenMail.getReceivedMessages()).isEmpty();

            DeliveryAttempt sent = transport.send(message(), recipient(), server, TransportPolicy.PLAINTEXT_ALLOWED);
            assertThat(sent.kind()).isEqualTo(DeliveryAttempt.Kind.DELIVERED);
            assertThat(sent.tlsProtocol()).isNull();
            assertThat(sent.tlsVerified()).isFalse();
            assertThat(greenMail.getReceivedMessages()).singleElement().satisfies(received -> {
                assertThat(received.getSubject()).isEqualTo(SUBJECT);
                assertThat(GreenMailUtil.getBody(received)).contains(BODY_MARKER);
                assertThat(received.getAllRecipients()[0].toString()).isEqualTo(ADDRESS);
            });
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void plaintextAllowedStillEncryptsWhenStarttlsIsOffered() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(untrusted.serverContext("localhost"), "250 OK")) {
            DeliveryAttempt attempt = transport.send(message(), recipient(), server.host(),
                    TransportPolicy.PLAINTEXT_ALLOWED);

            assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.DELIVERED);
            assertThat(attempt.tlsProtocol()).isIn("TLSv1.2", "TLSv1.3");
            assertThat(attempt.tlsVerified()).isFalse();
        }
    }

    @Test
    void a451ToRcptIsATemporaryFailureWithoutTheAddressInTheEvidence() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(trusted.serverContext("localhost"),
                "451 4.3.0 {rcpt} greylisted, try later")) {
            DeliveryAttempt attempt = transport.send(message(), recipient(), server.host(), TransportPolicy.VERIFIED_TLS);

            assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.TEMPORARY_FAILURE);
            assertThat(attempt.replyCode()).isEqualTo(451);
            assertThat(attempt.replyText()).contains("greylisted").doesNotContain(ADDRESS).doesNotContain("@");
            assertThat(attempt.tlsProtocol()).isIn("TLSv1.2", "TLSv1.3");
            assertThat(server.sawCommand("DATA")).isFalse();
        }
    }

    @Test
    void a550ToRcptIsAPermanentFailure(CapturedOutput output) throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(trusted.serverContext("localhost"),
                "550 5.1.1 {rcpt}: user unknown")) {
            DeliveryAttempt attempt = transport.send(message(), recipient(), server.host(), TransportPolicy.VERIFIED_TLS);

            assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.PERMANENT_FAILURE);
            assertThat(attempt.replyCode()).isEqualTo(550);
            assertThat(attempt.replyText()).contains("user unknown").doesNotContain("@");
            assertThat(attempt.toString()).doesNotContain(ADDRESS);
            assertThat(output.getAll()).doesNotContain(ADDRESS);
            // what delivery reads from the scrubbed evidence to suppress the address
            assertThat(HardBounce.ofSmtpReply(attempt.replyCode(), attempt.replyText()))
                    .contains(new HardBounce("NO_SUCH_ADDRESS", "5.1.1"));
        }
    }

    @Test
    void aRefusedConnectionIsATemporaryFailure() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        DeliveryAttempt attempt = transport.send(message(), recipient(), new SmtpHost("localhost", port),
                TransportPolicy.VERIFIED_TLS);

        assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.TEMPORARY_FAILURE);
    }

    @Test
    void consecutiveMessagesToTheSameServerShareOneConnection() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(trusted.serverContext("localhost"), "250 OK")) {
            for (int i = 0; i < 3; i++) {
                DeliveryAttempt attempt = transport.send(message(), recipient(), server.host(),
                        TransportPolicy.VERIFIED_TLS);
                assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.DELIVERED);
                assertThat(attempt.tlsProtocol()).isIn("TLSv1.2", "TLSv1.3");
            }

            assertThat(server.messages).hasSize(3);
            assertThat(server.connections).hasValue(1);
            assertThat(connections.opened()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionTheServerClosedIsReplacedByANewOne() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(trusted.serverContext("localhost"), "250 OK")) {
            server.hangUpAfterMessage = true;
            assertThat(transport.send(message(), recipient(), server.host(), TransportPolicy.VERIFIED_TLS).kind())
                    .isEqualTo(DeliveryAttempt.Kind.DELIVERED);

            assertThat(transport.send(message(), recipient(), server.host(), TransportPolicy.VERIFIED_TLS).kind())
                    .isEqualTo(DeliveryAttempt.Kind.DELIVERED);
            assertThat(server.connections).hasValue(2);
            assertThat(server.messages).hasSize(2);
        }
    }

    @Test
    void aDomainIsDeliveredThroughItsConfiguredRoute() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(trusted.serverContext("localhost"), "250 OK")) {
            SmtpDelivery delivery = new SmtpDelivery(new SmtpRoutes("example.org=" + server.host()), transport);

            DeliveryAttempt attempt = delivery.deliver(message(), recipient(), TransportPolicy.VERIFIED_TLS);

            assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.DELIVERED);
            assertThat(attempt.server()).isEqualTo(server.host().toString());
            assertThat(server.messages).hasSize(1);
        }
    }

    private static int indexOf(TinySmtpServer server, String prefix) {
        for (int i = 0; i < server.commands.size(); i++) {
            if (server.commands.get(i).toUpperCase().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }


    @Test
    void aProbeReportsVerifiedTlsAndSendsNothing() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(trusted.serverContext("localhost"), "250 OK")) {
            TlsProbe probe = transport.probe(server.host());
            assertThat(probe.reachable()).isTrue();
            assertThat(probe.starttls()).isTrue();
            assertThat(probe.tlsProtocol()).isIn("TLSv1.2", "TLSv1.3");
            assertThat(probe.certificateValid()).isTrue();
            assertThat(probe.problem()).isNull();
            assertThat(server.sawCommand("MAIL")).isFalse();
            transport.send(message(), recipient(), server.host(), TransportPolicy.VERIFIED_TLS);
            assertThat(server.connections.get()).as("the probe's connection carries the next send").isEqualTo(1);
        }
    }

    @Test
    void aProbeReportsWhyVerifiedTlsIsImpossible() throws Exception {
        try (TinySmtpServer plain = new TinySmtpServer(null, "250 OK");
             TinySmtpServer selfSigned = new TinySmtpServer(untrusted.serverContext("localhost"), "250 OK");
             TinySmtpServer otherName = new TinySmtpServer(trusted.serverContext("mx.other.example"), "250 OK")) {
            assertThat(transport.probe(plain.host()))
                    .isEqualTo(new TlsProbe(true, false, null, false, DeliveryAttempt.TlsProblem.NO_STARTTLS));
            assertThat(transport.probe(selfSigned.host())).isEqualTo(
                    new TlsProbe(true, true, null, false, DeliveryAttempt.TlsProblem.CERTIFICATE_NOT_TRUSTED));
            assertThat(transport.probe(otherName.host())).isEqualTo(
                    new TlsProbe(true, true, null, false, DeliveryAttempt.TlsProblem.HOST_NAME_MISMATCH));
        }
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            int port = free.getLocalPort();
            free.close();
            assertThat(transport.probe(new SmtpHost("localhost", port)).reachable()).isFalse();
        }
    }
}
