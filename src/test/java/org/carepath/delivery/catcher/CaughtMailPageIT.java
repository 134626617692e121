package org.carepath.delivery.catcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.carepath.HeadlessChromium;
import org.carepath.ServerTest;
import org.carepath.delivery.transport.DeliveryAttempt;
import org.carepath.delivery.transport.SecureSmtpTransport;
import org.carepath.delivery.transport.SmtpConnections;
import org.carepath.delivery.transport.SmtpDelivery;
import org.carepath.delivery.transport.SmtpRoutes;
import org.carepath.delivery.transport.TransportPolicy;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator page in a real browser. In the shared test context the routes point at the tests' GreenMail,
 * so the catcher runs (it is on by default) without receiving carepath's own mail: this test hands it a
 * message itself, over verified STARTTLS, exactly as the transport does on the embedded default.
 */
class CaughtMailPageIT extends ServerTest {

    @Autowired
    MailCatcher catcher;

    @Autowired
    IdentityService identity;

    @Test
    void anOperatorLogsInAndSeesWhatTheCatcherTookOverVerifiedTls() throws Exception {
        String subject = "Lab results <b>ready</b> " + UUID.randomUUID();
        DeliveryAttempt attempt = sendToCatcher(subject, "Please call us about your results.");
        assertThat(attempt.kind()).isEqualTo(DeliveryAttempt.Kind.DELIVERED);
        assertThat(attempt.tlsVerified()).isTrue();

        try (HeadlessChromium browser = new HeadlessChromium("http://localhost:" + port)) {
            browser.open("/operator/mail");
            assertThat(browser.path()).as("an anonymous browser is sent to log in").startsWith("/login");

            browser.logIn("admin", ADMIN_PASSWORD);

            assertThat(browser.path()).startsWith("/operator/mail");
            WebElement row = browser.await(d -> d.findElements(By.cssSelector("tr.caught-message")).stream()
                    .filter(r -> r.findElement(By.className("subject")).getText().equals(subject))
                    .findFirst().orElse(null));
            // the subject's markup shows as text: every value on the page is HTML-escaped
            assertThat(row.getText()).contains("text/plain").contains(attempt.tlsProtocol())
                    .contains("patient@example.org");

            row.findElement(By.cssSelector(".subject a")).click();

            assertThat(browser.await(By.id("subject")).getText()).isEqualTo(subject);
            assertThat(browser.driver().findElement(By.id("tls")).getText()).contains(attempt.tlsProtocol())
                    .contains(attempt.cipherSuite());
            assertThat(browser.driver().findElement(By.id("content-type")).getText()).startsWith("text/plain");
            assertThat(browser.driver().findElement(By.id("text")).getText())
                    .contains("Please call us about your results.");
            assertThat(browser.driver().findElement(By.id("source")).getText()).contains("Message-ID: <");
        }
    }

    @Test
    void theRawMessageDownloadsAsRfc822() throws Exception {
        String subject = "Raw " + UUID.randomUUID();
        sendToCatcher(subject, "raw body");
        long id = catcher.messages().stream().filter(m -> subject.equals(m.subject())).findFirst().orElseThrow().id();

        HttpResponse<String> raw = get("/operator/mail/" + id + "/raw", "admin", ADMIN_PASSWORD);

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(raw.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment").contains("caught-" + id + ".eml"));
        assertThat(raw.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(raw.body()).contains("Subject: " + subject).contains("raw body");
        assertThat(get("/operator/mail/999999999", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyOperatorsAndAdminsMaySeeCaughtMail() throws Exception {
        String designer = user("designer");
        String operator = user("operator");

        try (HeadlessChromium browser = new HeadlessChromium("http://localhost:" + port)) {
            browser.open("/operator/mail").logIn(designer, "pw-" + designer);
            assertThat(browser.path()).startsWith("/operator/mail");
            assertThat(browser.source()).contains("403").doesNotContain("Caught mail");
        }
        assertThat(get("/operator/mail", designer, "pw-" + designer).statusCode()).isEqualTo(403);
        HttpResponse<String> asOperator = get("/operator/mail", operator, "pw-" + operator);
        assertThat(asOperator.statusCode()).isEqualTo(200);
        assertThat(asOperator.body()).contains("<h1>Caught mail</h1>");
    }

    private DeliveryAttempt sendToCatcher(String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("care@riverside-clinic.example"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("patient@example.org"));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.saveChanges();
        try (SmtpConnections connections = new SmtpConnections(MailCatcherTest.trusting(catcher),
                Duration.ofSeconds(10), "test.example")) {
            SmtpDelivery delivery = new SmtpDelivery(
                    new SmtpRoutes("*=" + catcher.host() + ":" + catcher.port()), new SecureSmtpTransport(connections));
            return delivery.deliver(message, new InternetAddress("patient@example.org"), TransportPolicy.VERIFIED_TLS);
        }
    }

    /** A Camunda user in one group, as people get their roles. */
    private String user(String group) {
        String id = group + UUID.randomUUID().toString().substring(0, 8); // Camunda ids: letters and digits
        User user = identity.newUser(id);
        user.setPassword("pw-" + id);
        identity.saveUser(user);
        identity.createMembership(id, group);
        return id;
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    }
}
