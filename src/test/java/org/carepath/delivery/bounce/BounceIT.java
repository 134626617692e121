package org.carepath.delivery.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.carepath.ServerTest;
import org.carepath.TestMail;
import org.carepath.engagement.PatientWithdrew;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Bounces that come back after a server accepted the mail (RFC 3464 reports posted to the API): the message
 * becomes BOUNCED, the address is suppressed and nothing more goes to it, until the address changes or an
 * operator lifts the suppression.
 */
@RecordApplicationEvents
class BounceIT extends ServerTest {

    @RegisterExtension
    static final GreenMailExtension smtp = TestMail.server();

    @Autowired
    Suppressions suppressions;

    @Autowired
    ApplicationEvents events;

    private void patient(String id, String email) {
        assertThat(http().bearer(API_KEY).put("/api/v1/patients/" + id, JsonNodeFactory.instance.objectNode()
                .put("name", "Bo Bounce").put("email", email).toString()).status()).isIn(200, 201);
    }

    private String send(String patientId, String reference) {
        var reply = http().bearer(API_KEY).post("/api/v1/messages", """
                { "patientId": "%s", "template": "appointment-reminder",
                  "variables": { "patientName": "Bo Bounce", "appointmentDate": "12 December",
                                 "appointmentTime": "09:30", "clinician": "Dr Okafor", "location": "Clinic",
                                 "organisationPhone": "555-0100", "organisation": "Riverside Clinic" },
                  "communication": { "purpose": "APPOINTMENT_REMINDER" }, "reference": "%s" }"""
                .formatted(patientId, reference));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().get("messageId").asText();
    }

    private JsonNode settled(String messageId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !http().bearer(API_KEY)
                .get("/api/v1/messages/" + messageId).json().get("status").asText().matches("QUEUED|SENDING|RETRY"));
        return http().bearer(API_KEY).get("/api/v1/messages/" + messageId).json();
    }

    private static long receivedBy(String address) {
        return TestMail.receivedBy(smtp, address).length;
    }

    @Test
    void aReportedHardBounceSuppressesTheAddressUntilItChangesOrIsLifted() {
        patient("bounce-1", "gone@bounce.example");
        JsonNode first = settled(send("bounce-1", "bounce-first"));
        assertThat(first.get("status").asText()).isEqualTo("SENT");
        String messageId = first.get("message_id").asText();
        assertThat(receivedBy("gone@bounce.example")).isEqualTo(1);

        var reply = http().bearer(API_KEY).postRaw("/api/v1/bounces", "message/rfc822",
                DeliveryStatusReports.postfix("gone@bounce.example", "failed", "5.1.1", messageId));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("suppressed").asInt()).isEqualTo(1);
        assertThat(reply.json().get("bouncedMessages").get(0).asText()).isEqualTo(first.get("id").asText());
        assertThat(reply.body()).doesNotContain("gone@bounce.example");
        assertThat(http().bearer(API_KEY).get("/api/v1/messages/" + first.get("id").asText()).json()
                .get("status").asText()).isEqualTo("BOUNCED");
        JsonNode suppression = http().bearer(API_KEY).get("/api/v1/patients/bounce-1/suppression").json();
        assertThat(suppression.get("reason").asText()).isEqualTo("NO_SUCH_ADDRESS");
        assertThat(suppression.get("source").asText()).isEqualTo("DSN");
        byte[] stored = jdbc.queryForObject("select email_ct from carepath.address_suppression where patient_id = ?",
                byte[].class, "bounce-1");
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("gone@");

        JsonNode second = settled(send("bounce-1", "bounce-second"));
        assertThat(second.get("status").asText()).isEqualTo("FAILED");
        assertThat(second.get("last_outcome").asText()).contains("suppressed");
        assertThat(receivedBy("gone@bounce.example")).isEqualTo(1);

        assertThat(http().bearer(API_KEY).delete("/api/v1/patients/bounce-1/suppression").status()).isEqualTo(204);
        assertThat(settled(send("bounce-1", "bounce-third")).get("status").asText()).isEqualTo("SENT");
        assertThat(http().bearer(API_KEY).get("/api/v1/patients/bounce-1/suppression").status()).isEqualTo(404);
    }

    @Test
    void aSuppressionHoldsOnlyWhileTheAddressIsThePatients() {
        patient("bounce-2", "old@bounce.example");
        suppressions.suppress("bounce-2", "OLD@bounce.example", new HardBounce("NO_SUCH_ADDRESS", "5.1.1"), "SMTP",
                null);
        assertThat(suppressions.isSuppressed("bounce-2", "old@bounce.example")).isTrue();
        assertThat(suppressions.isSuppressed("bounce-2", "new@bounce.example")).isFalse();
        assertThat(events.stream(PatientWithdrew.class)).containsExactly(
                new PatientWithdrew("bounce-2", PatientWithdrew.Reason.HARD_BOUNCE));
    }

    @Test
    void softFailuresAndStrangersChangeNothing() {
        patient("bounce-3", "slow@bounce.example");
        var delayed = http().bearer(API_KEY).postRaw("/api/v1/bounces", "message/rfc822",
                DeliveryStatusReports.postfix("slow@bounce.example", "delayed", "4.4.1", "<unknown@x>"));
        assertThat(delayed.json().get("failed").asInt()).isZero();
        var stranger = http().bearer(API_KEY).postRaw("/api/v1/bounces", "message/rfc822",
                DeliveryStatusReports.postfix("nobody-we-know@bounce.example", "failed", "5.1.1", "<unknown@x>"));
        assertThat(stranger.json().get("hardBounces").asInt()).isEqualTo(1);
        assertThat(stranger.json().get("suppressed").asInt()).isZero();
        assertThat(http().bearer(API_KEY).get("/api/v1/patients/bounce-3/suppression").status()).isEqualTo(404);
    }

    @Test
    void aMailThatIsNoReportIsRefusedWithTheReason() {
        var reply = http().bearer(API_KEY).postRaw("/api/v1/bounces", "message/rfc822",
                "From: someone@example.org\r\nSubject: out of office\r\n\r\nI am away.\r\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("multipart/report").doesNotContain("someone@example.org");
    }
}
