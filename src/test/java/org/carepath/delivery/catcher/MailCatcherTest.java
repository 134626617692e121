package org.carepath.delivery.catcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.carepath.delivery.transport.DeliveryAttempt;
import org.carepath.delivery.transport.SecureSmtpTransport;
import org.carepath.delivery.transport.SmtpConnections;
import org.carepath.delivery.transport.SmtpDelivery;
import org.carepath.delivery.transport.SmtpRoutes;
import org.carepath.delivery.transport.TransportPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The catcher against carepath's own transport, and against a client that misbehaves on purpose. */
class MailCatcherTest {

    private static final int SMALL_LIMIT = 4096;

    private final MailCatcher catcher = new MailCatcher(0, 2, SMALL_LIMIT, 500, 1 << 20).start();
    private SmtpConnections connections;

    @AfterEach
    void stop() {
        if (connections != null) {
            connections.close();
        }
        catcher.close();
    }

    @Test
    void takesMailOverVerifiedTlsAndRecordsWhatAnOperatorNeeds() throws Exception {
        SmtpDelivery delivery = delivery(trusting(catcher));
        MimeMessage message = message("Your appointment", "See you on Tuesday.\r\n.a line with a dot\r\n");
        message.setHeader("Message-ID", "<m-1@riverside-clinic.example>");

        DeliveryAttempt attempt = delivery.deliver(message, new InternetAddress("jane@example.org"),
                TransportPolicy.VERIFIED_TLS);

        assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.DELIVERED);
        assertThat(attempt.tlsVerified()).isTrue();
        assertThat(attempt.tlsProtocol()).isIn("TLSv1.2", "TLSv1.3");
        assertThat(attempt.server()).isEqualTo("localhost:" + catcher.port());
        assertThat(catcher.messages()).singleElement().satisfies(caught -> {
            assertThat(caught.envelopeFrom()).isEqualTo("care@riverside-clinic.example");
            assertThat(caught.envelopeTo()).containsExactly("jane@example.org");
            assertThat(caught.subject()).isEqualTo("Your appointment");
            assertThat(caught.messageId()).isEqualTo("<m-1@riverside-clinic.example>");
            assertThat(caught.mediaType()).isEqualTo("text/plain");
            assertThat(caught.tlsProtocol()).isEqualTo(attempt.tlsProtocol());
            assertThat(caught.cipherSuite()).isEqualTo(attempt.cipherSuite());
            // the sender doubled the leading dot on the wire; the catcher keeps the message as written
            assertThat(new String(caught.raw(), StandardCharsets.US_ASCII))
                    .contains("\r\n\r\nSee you on Tuesday.\r\n.a line with a dot\r\n");
            assertThat(caught.size()).isEqualTo(caught.raw().length);
            assertThat(ReadableText.of(caught)).hasValueSatisfying(text -> assertThat(text).contains("Tuesday"));
        });
    }

    @Test
    void aSenderThatDoesNotTrustItsCertificateSendsNothing() throws Exception {
        SmtpDelivery delivery = delivery(null); // the JDK's CAs only

        DeliveryAttempt attempt = delivery.deliver(message("s", "body\r\n"), new InternetAddress("jane@example.org"),
                TransportPolicy.VERIFIED_TLS);

        assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.TLS_UNAVAILABLE);
        assertThat(attempt.tlsProblem()).isEqualTo(DeliveryAttempt.TlsProblem.CERTIFICATE_NOT_TRUSTED);
        assertThat(catcher.messages()).isEmpty();
    }

    @Test
    void refusesMailBeforeStartTls() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(catcher.port())) {
            assertThat(client.reply()).startsWith("220 localhost");
            assertThat(client.send("EHLO test.example")).contains("250-STARTTLS").contains("SIZE " + SMALL_LIMIT);
            assertThat(client.send("MAIL FROM:<a@example.org>")).startsWith("530 5.7.0");
            assertThat(client.send("RCPT TO:<b@example.org>")).startsWith("530 5.7.0");
            assertThat(client.send("DATA")).startsWith("530 5.7.0");
            assertThat(client.send("NOOP")).startsWith("250");
            assertThat(client.send("QUIT")).startsWith("221");
        }
        assertThat(catcher.messages()).isEmpty();
    }

    @Test
    void speaksTheDialogueAfterStartTls() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(catcher.port())) {
            client.reply();
            client.send("EHLO test.example");
            assertThat(client.startTls(catcher.certificate())).startsWith("220");
            assertThat(client.send("MAIL FROM:<a@example.org>")).as("EHLO again after TLS").startsWith("503");
            assertThat(client.send("EHLO test.example")).doesNotContain("STARTTLS").contains("250 HELP");
            assertThat(client.send("STARTTLS")).startsWith("503");
            assertThat(client.send("RCPT TO:<b@example.org>")).startsWith("503 5.5.1 MAIL first");
            assertThat(client.send("MAIL FROM:<dropped@example.org>")).startsWith("250");
            assertThat(client.send("RSET")).startsWith("250");
            assertThat(client.send("DATA")).startsWith("503");
            assertThat(client.send("MAIL FROM:<>")).startsWith("250");
            assertThat(client.send("RCPT TO:<b@example.org>")).startsWith("250");
            assertThat(client.send("RCPT TO:<c@example.org>")).startsWith("250");
            assertThat(client.send("DATA")).startsWith("354");
            client.write("Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=");
            client.write("");
            client.write("..starts with a dot");
            assertThat(client.send(".")).startsWith("250");
            assertThat(client.send("HELP")).startsWith("500");
            assertThat(client.send("MAIL FROM:<" + "x".repeat(1200) + "@example.org>")).startsWith("500 5.5.6");
            assertThat(client.send("NOOP")).as("still talking after a too long line").startsWith("250");
            assertThat(client.send("QUIT")).startsWith("221");
        }
        assertThat(catcher.messages()).singleElement().satisfies(caught -> {
            assertThat(caught.envelopeFrom()).isEmpty();
            assertThat(caught.envelopeTo()).containsExactly("b@example.org", "c@example.org");
            assertThat(caught.subject()).isEqualTo("Grüße");
            assertThat(new String(caught.raw(), StandardCharsets.US_ASCII)).endsWith("\r\n.starts with a dot\r\n");
        });
    }

    @Test
    void refusesAMessageOverTheSizeLimitAndGoesOn() throws Exception {
        SmtpDelivery delivery = delivery(trusting(catcher));
        InternetAddress to = new InternetAddress("jane@example.org");

        DeliveryAttempt big = delivery.deliver(message("big", "x".repeat(70) + "\r\n".repeat(1)
                + ("y".repeat(70) + "\r\n").repeat(SMALL_LIMIT / 70)), to, TransportPolicy.VERIFIED_TLS);
        DeliveryAttempt small = delivery.deliver(message("small", "fits\r\n"), to, TransportPolicy.VERIFIED_TLS);

        assertThat(big.kind()).isEqualTo(DeliveryAttempt.Kind.PERMANENT_FAILURE);
        assertThat(big.replyCode()).isEqualTo(552);
        assertThat(small.kind()).isEqualTo(DeliveryAttempt.Kind.DELIVERED);
        assertThat(catcher.messages()).extracting(CaughtMessage::subject).containsExactly("small");
    }

    @Test
    void commandsSentAheadOfTheTlsHandshakeEndTheDialogue() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(catcher.port())) {
            client.reply();
            client.send("EHLO test.example");
            // one write: the MAIL would otherwise be taken as if it came over TLS (CVE-2011-0411)
            client.write("STARTTLS\r\nMAIL FROM:<injected@example.org>");
            assertThat(client.reply()).startsWith("554");
            assertThat(client.reply()).as("closed").isNull();
        }
    }

    @Test
    void refusesADeclaredSizeOverTheLimitAtMail() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(catcher.port())) {
            client.reply();
            client.send("EHLO test.example");
            client.startTls(catcher.certificate());
            client.send("EHLO test.example");
            assertThat(client.send("MAIL FROM:<a@example.org> SIZE=" + (SMALL_LIMIT + 1))).startsWith("552 5.3.4");
        }
    }

    @Test
    void aConnectionBeyondTheCapIsToldToComeBackLater() throws Exception {
        try (SmtpTestClient first = new SmtpTestClient(catcher.port());
                SmtpTestClient second = new SmtpTestClient(catcher.port())) {
            assertThat(first.reply()).startsWith("220");
            assertThat(second.reply()).startsWith("220");
            try (SmtpTestClient third = new SmtpTestClient(catcher.port())) {
                assertThat(third.reply()).startsWith("421 4.3.2");
            }
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        try (var probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), catcher.port()));
            assertThat(probe.getInetAddress().isLoopbackAddress()).isTrue();
        }
        // the listener is bound to the loopback address, not the wildcard one
        var field = MailCatcher.class.getDeclaredField("listener");
        field.setAccessible(true);
        assertThat(((java.net.ServerSocket) field.get(catcher)).getInetAddress().isLoopbackAddress()).isTrue();
    }

    private SmtpDelivery delivery(KeyStore trust) {
        connections = new SmtpConnections(trust, Duration.ofSeconds(10), "test.example");
        return new SmtpDelivery(new SmtpRoutes("*=localhost:" + catcher.port()), new SecureSmtpTransport(connections));
    }

    static KeyStore trusting(MailCatcher catcher) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("catcher", catcher.certificate());
        return trust;
    }

    private static MimeMessage message(String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("care@riverside-clinic.example"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("jane@example.org"));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "US-ASCII");
        message.saveChanges();
        return message;
    }
}
