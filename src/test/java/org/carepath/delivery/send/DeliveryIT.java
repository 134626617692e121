package org.carepath.delivery.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.carepath.ServerTest;
import org.carepath.TestMail;
import org.carepath.delivery.encryption.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages through the whole path: API, outbox, the worker's last-moment decision, composition, encryption
 * or portal, and a real SMTP server (GreenMail, which offers no STARTTLS: verified TLS is never possible).
 */
class DeliveryIT extends ServerTest {

    @RegisterExtension
    static final GreenMailExtension smtp = TestMail.server();

    private static final String REMINDER_VARIABLES = """
            { "patientName": "Dana Delivery", "appointmentDate": "12 December", "appointmentTime": "09:30",
              "clinician": "Dr Okafor", "location": "Cardiology, 3rd floor", "organisationPhone": "555-0100",
              "organisation": "Riverside Clinic" }""";

    private void patientWithCertificate(String id, String name, String email) throws Exception {
        var api = http().bearer(API_KEY);
        api.put("/api/v1/patients/" + id, JsonNodeFactory.instance.objectNode().put("name", name)
                .put("email", email).toString());
        Instant now = Instant.now();
        var key = JsonNodeFactory.instance.objectNode().put("kind", "SMIME")
                .put("key", TestCertificates.recipientPem(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));
        assertThat(api.post("/api/v1/patients/" + id + "/keys", key.toString()).status()).isEqualTo(201);
    }

    private void authorizePromotions(String authorizationId, String patientId) {
        assertThat(http().bearer(API_KEY).post("/api/v1/authorizations", """
                { "id": "%s", "patientId": "%s", "signedAt": "2026-01-10T09:00:00Z", "signature": "signed",
                  "information": ["DEMOGRAPHICS"], "disclosers": ["Riverside"], "recipients": ["Riverside"],
                  "purposes": ["PROMOTION"], "expiresAt": "2099-01-10T00:00:00Z",
                  "statements": { "revocationRight": true, "conditioning": true, "redisclosure": true,
                                  "remuneration": true } }""".formatted(authorizationId, patientId)).status())
                .isEqualTo(201);
    }

    private String send(String patientId, String purpose, String reference) {
        var reply = http().bearer(API_KEY).post("/api/v1/messages", """
                { "patientId": "%s", "template": "appointment-reminder", "variables": %s,
                  "communication": { "purpose": "%s" }, "reference": "%s" }"""
                .formatted(patientId, REMINDER_VARIABLES, purpose, reference));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().get("messageId").asText();
    }

    private JsonNode settled(String messageId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !http().bearer(API_KEY)
                .get("/api/v1/messages/" + messageId).json().get("status").asText().matches("QUEUED|SENDING|RETRY"));
        return http().bearer(API_KEY).get("/api/v1/messages/" + messageId).json();
    }

    private static MimeMessage[] receivedBy(String address) {
        return TestMail.receivedBy(smtp, address);
    }

    /** The decoded text/plain part of a multipart/alternative message. */
    private static String plainText(MimeMessage message) throws Exception {
        var parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/plain")) {
                return parts.getBodyPart(i).getContent().toString();
            }
        }
        throw new AssertionError("no text/plain part");
    }

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** dkimpy (Debian python3-dkim) with the test server's public key in place of DNS. */
    private static String dkimpyVerifies(String message) throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3"))
                ? "/usr/bin/python3" : "python3";
        Path file = Files.createTempFile("dkim", ".eml");
        Files.writeString(file, message, StandardCharsets.ISO_8859_1);
        Process process = new ProcessBuilder(python, "-c", """
                import sys, dkim
                record = ('v=DKIM1; k=rsa; p=' + sys.argv[2]).encode()
                print(dkim.verify(open(sys.argv[1], 'rb').read(), dnsfunc=lambda name, timeout=5: record
                      if name.rstrip(b'.') == b'test._domainkey.riverside-clinic.example' else None))
                """, file.toString(), DKIM_PUBLIC_KEY).redirectErrorStream(true).start();
        process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Files.deleteIfExists(file);
        return output;
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutVerifiedTlsTheMessageGoesToThePortalAndOnlyANoticeIsSent() throws Exception {
        http().bearer(API_KEY).put("/api/v1/patients/p-deliv-1", "{\"name\":\"Dana Delivery\","
                + "\"email\":\"dana.delivery@example.org\"}");
        String id = send("p-deliv-1", "APPOINTMENT_REMINDER", "reminder-1");
        assertThat(send("p-deliv-1", "APPOINTMENT_REMINDER", "reminder-1")).as("same reference").isEqualTo(id);

        JsonNode done = settled(id);
        assertThat(done.get("status").asText()).isEqualTo("SENT");
        assertThat(done.get("last_outcome").asText()).contains("path PORTAL").doesNotContain("dana");

        MimeMessage[] received = receivedBy("dana.delivery@example.org");
        assertThat(received).hasSize(1);
        String notice = raw(received[0]);
        assertThat(received[0].getSubject()).doesNotContain("ppointment");
        assertThat(notice).contains("/portal/m/").doesNotContain("Okafor", "Cardiology", "09:30");
        assertThat(jdbc.queryForObject("select count(*) from carepath.portal_message where patient_id = ?",
                Integer.class, "p-deliv-1")).isOne();

        // the patient follows the link, gets a one-time code by mail, and reads the message once
        String token = plainText(received[0]).replaceAll("(?s).*?/portal/m/([A-Za-z0-9_-]{43}).*", "$1");
        var start = http().get("/portal/m/" + token);
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.body()).contains("We sent a code").doesNotContain("Okafor");
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedBy("dana.delivery@example.org").length == 2);
        String codeMail = plainText(receivedBy("dana.delivery@example.org")[1]);
        String code = codeMail.replaceAll("(?s).*Your code is ([0-9]{6}).*", "$1");
        assertThat(code).matches("[0-9]{6}");
        assertThat(codeMail).doesNotContain("Okafor", "Cardiology");

        assertThat(postForm("/portal/m/" + token, "code=000000x").statusCode()).isEqualTo(400);
        var opened = postForm("/portal/m/" + token, "code=" + code);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("Dr Okafor", "Cardiology, 3rd floor");
        assertThat(opened.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(postForm("/portal/m/" + token, "code=" + code).statusCode()).as("single use").isEqualTo(400);
    }

    @Test
    void aPatientWithACertificateGetsTheMessageEncryptedEndToEnd() throws Exception {
        patientWithCertificate("p-deliv-2", "Sam Smime", "sam.smime@example.org");

        JsonNode done = settled(send("p-deliv-2", "APPOINTMENT_REMINDER", "reminder-2"));
        assertThat(done.get("status").asText()).isEqualTo("SENT");
        assertThat(done.get("last_outcome").asText()).contains("path SMIME");
        MimeMessage received = receivedBy("sam.smime@example.org")[0];
        assertThat(received.getContentType()).startsWith("application/pkcs7-mime");
        assertThat(raw(received)).doesNotContain("Okafor", "Cardiology");
        assertThat(dkimpyVerifies(raw(received))).as("DKIM over the encrypted message, checked by dkimpy")
                .isEqualTo("True");
    }

    @Test
    void anAuthorizationRevokedWhileTheMessageWaitsInTheOutboxStopsIt() throws Exception {
        var api = http().bearer(API_KEY);
        patientWithCertificate("p-deliv-3", "Ria Revoke", "ria.revoke@example.org");
        authorizePromotions("a-deliv-3", "p-deliv-3");
        Instant sendAt = Instant.now().plusSeconds(4);
        var queued = api.post("/api/v1/messages", """
                { "patientId": "p-deliv-3", "template": "appointment-reminder", "variables": %s,
                  "communication": { "purpose": "PROMOTION", "sendAt": "%s" }, "reference": "promo-3" }"""
                .formatted(REMINDER_VARIABLES, sendAt));
        assertThat(queued.status()).isEqualTo(202);
        var decisionNow = api.post("/api/v1/decisions", "{\"patientId\":\"p-deliv-3\",\"communication\":"
                + "{\"purpose\":\"PROMOTION\"}}").json();
        assertThat(decisionNow.get("authorization").get("status").asText()).as("valid while queued")
                .isEqualTo("VALID");

        assertThat(api.post("/api/v1/authorizations/a-deliv-3/revocation", "{}").status()).isEqualTo(200);
        JsonNode done = settled(queued.json().get("messageId").asText());
        assertThat(done.get("status").asText()).isEqualTo("BLOCKED");
        assertThat(receivedBy("ria.revoke@example.org")).isEmpty();
    }

    @Test
    void marketingCarriesAOneClickUnsubscribeThatWorksWithoutALogin() throws Exception {
        var api = http().bearer(API_KEY);
        patientWithCertificate("p-deliv-4", "Uma Unsub", "uma.unsub@example.org");
        authorizePromotions("a-deliv-4", "p-deliv-4");

        JsonNode done = settled(send("p-deliv-4", "PROMOTION", "promo-4"));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SENT");
        MimeMessage received = receivedBy("uma.unsub@example.org")[0];
        assertThat(received.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String link = received.getHeader("List-Unsubscribe", null);
        String token = link.replaceAll("(?s).*?/u/([A-Za-z0-9_-]+)>.*", "$1");
        assertThat(token).hasSize(43);

        // RFC 8058: the mail client posts this body, with no cookie and no credential
        var unsubscribed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/u/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsubscribed.statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/patients/p-deliv-4").json().get("marketingOptOut").asBoolean()).isTrue();
        assertThat(http().post("/u/not-a-token-at-all-0000", "").status()).isEqualTo(404);

        JsonNode next = settled(send("p-deliv-4", "PROMOTION", "promo-5"));
        assertThat(next.get("status").asText()).isEqualTo("BLOCKED");
    }

    @Test
    void aRevokedAuthorizationStopsThePromotionAtTheMomentOfSending() {
        // demo-04's only marketing authorization was revoked
        JsonNode done = settled(send("demo-04", "PROMOTION", "promo-1"));
        assertThat(done.get("status").asText()).isEqualTo("BLOCKED");
        assertThat(done.get("last_outcome").asText()).contains("BLOCK");
        assertThat(receivedBy("demo-04@patients.example.org")).isEmpty();
    }

    @Test
    void operatorsSeeHowManyMessagesAreInEachStateAndNothingElse() {
        http().bearer(API_KEY).put("/api/v1/patients/p-status-1", JsonNodeFactory.instance.objectNode()
                .put("name", "Stella Status").put("email", "stella.status@example.org").toString());
        settled(send("p-status-1", "APPOINTMENT_REMINDER", "status-1"));

        var reply = http().bearer(API_KEY).get("/api/v1/delivery");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode messages = reply.json().get("messages");
        assertThat(messages.fieldNames()).toIterable().containsExactlyInAnyOrder("QUEUED", "SENDING", "RETRY", "SENT",
                "FAILED", "BLOCKED", "BOUNCED");
        assertThat(messages.get("SENT").asLong()).isPositive();
        assertThat(reply.body()).doesNotContain("stella").doesNotContain("p-status-1");

        String integrationKey = http().bearer(API_KEY).post("/api/v1/api-keys",
                "{\"name\":\"delivery-status ehr\",\"roles\":[\"INTEGRATION\"]}").json().get("secret").asText();
        assertThat(http().bearer(integrationKey).get("/api/v1/delivery").status()).isEqualTo(403);
    }
}
