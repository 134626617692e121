package org.carepath.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.carepath.engagement.Unsubscribes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CareGapOutreachIT extends JourneyTest {

    @Autowired
    Unsubscribes unsubscribes;

    private ProcessInstance outreachTo(TestPatient patient) {
        ProcessInstance journey = start("care-gap-outreach", Map.of("patientId", patient.id(),
                "careGapRef", references.careGap(COLON_SCREENING.code())));
        awaitWaitingAt(journey, "WaitEngagement");
        return journey;
    }

    @Test
    void aClickReportedByAnIntegrationEndsTheJourneyAsEngaged() {
        TestPatient jo = patient("gap-click", null);
        ProcessInstance journey = outreachTo(jo);
        assertThat(outboxOf(journey)).hasSize(1);

        var reply = http().bearer(API_KEY).post("/api/v1/engagements", """
                {"patientId": "%s", "kind": "CLICKED", "journeyInstanceId": "%s"}""".formatted(jo.id(),
                journey.getId()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);

        assertThat(journey).isEnded().hasPassed("EndEngaged").hasNotPassed("SendFollowUp");
        assertThat(variable(journey, "engagement")).isEqualTo("CLICKED");
        assertThat(outboxOf(journey)).hasSize(1);
    }

    @Test
    void engagementOfAnotherPatientOrAnUnknownPatientChangesNothing() {
        TestPatient jo = patient("gap-other", null);
        TestPatient other = patient("gap-other-b", null);
        ProcessInstance journey = outreachTo(jo);

        assertThat(http().bearer(API_KEY).post("/api/v1/engagements", """
                {"patientId": "%s", "kind": "OPENED"}""".formatted(other.id())).status()).isEqualTo(202);
        assertThat(http().bearer(API_KEY).post("/api/v1/engagements", """
                {"patientId": "p-nobody", "kind": "OPENED"}""").status()).isEqualTo(422);
        assertThat(http().bearer(API_KEY).post("/api/v1/engagements", """
                {"patientId": "%s"}""".formatted(jo.id())).status()).isEqualTo(400);
        String integrationKey = http().bearer(API_KEY).post("/api/v1/api-keys",
                "{\"name\":\"tracking\",\"roles\":[\"INTEGRATION\"]}").json().get("secret").asText();
        String operatorKey = http().bearer(API_KEY).post("/api/v1/api-keys",
                "{\"name\":\"operator\",\"roles\":[\"OPERATOR\"]}").json().get("secret").asText();
        String report = "{\"patientId\": \"%s\", \"kind\": \"OPENED\"}".formatted(other.id());
        assertThat(http().bearer(integrationKey).post("/api/v1/engagements", report).status()).isEqualTo(202);
        assertThat(http().bearer(operatorKey).post("/api/v1/engagements", report).status()).isEqualTo(403);
        assertThat(http().post("/api/v1/engagements", report).status()).isEqualTo(401);

        assertThat(journey).isWaitingAt("WaitEngagement");
    }

    @Test
    void withoutEngagementWithinTheWaitTheFollowUpIsSent() {
        TestPatient jo = patient("gap-follow-up", null);
        ProcessInstance journey = outreachTo(jo);

        fireTimer(journey);

        assertThat(journey).isEnded().hasPassed("DecideFollowUp", "SendFollowUp", "EndFollowedUp");
        assertThat(outboxOf(journey)).hasSize(2);
        awaitOutboxSettled(journey);
        assertThat(outboxOf(journey)).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("SENT"));
        assertThat(awaitMail(jo.email(), 2)).hasSize(2);
    }

    @Test
    void readingTheOutreachInThePortalIsAnOpenAndEndsTheJourney() throws Exception {
        TestPatient jo = patient("gap-portal", null);
        ProcessInstance journey = outreachTo(jo);
        // no verified TLS to GreenMail: the outreach waits in the portal, the mail is a notice with the link
        MimeMessage notice = awaitMail(jo.email(), 1)[0];
        String token = plainText(notice).replaceAll("(?s).*?/portal/m/([A-Za-z0-9_-]{43}).*", "$1");
        assertThat(http().get("/portal/m/" + token).status()).isEqualTo(200);
        String code = plainText(awaitMail(jo.email(), 2)[1]).replaceAll("(?s).*Your code is ([0-9]{6}).*", "$1");

        HttpResponse<String> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/portal/m/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + code)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("Colorectal cancer screening overdue");

        await().atMost(PATIENCE).until(() -> !isRunning(journey));
        assertThat(journey).hasPassed("EndEngaged");
        assertThat(variable(journey, "engagement")).isEqualTo("OPENED");
    }

    @Test
    void aClosedCareGapEndsTheJourney() {
        TestPatient jo = patient("gap-closed", null);
        ProcessInstance journey = outreachTo(jo);

        runtime.createMessageCorrelation("carepath.care-gap-closed")
                .processInstanceVariableEquals("patientId", jo.id())
                .processInstanceVariableEquals("careGapRef", references.careGap(COLON_SCREENING.code())).correlateAll();

        assertThat(journey).isEnded().hasPassed("EndGapClosed");
    }

    /** A promotion for the same patient, waiting for the campaign's approval: marketing withdrawals end it. */
    private ProcessInstance promotionTo(TestPatient patient) {
        ProcessInstance promotion = start("promotion-campaign", Map.of("patientId", patient.id(),
                "campaignId", "gap-test-promo", "phiUsed", "DEMOGRAPHICS"));
        awaitWaitingAt(promotion, "ApproveCampaign");
        return promotion;
    }

    private void assertOutreachGoesOnAndPromotionEnded(ProcessInstance outreach, ProcessInstance promotion,
                                                       String reason) {
        assertThat(promotion).isEnded().hasPassed("EndWithdrew");
        assertThat(variable(promotion, "withdrawalReason")).isEqualTo(reason);
        assertThat(outreach).as("care outreach is not marketing: it goes on").isWaitingAt("WaitEngagement");
        assertThat(variable(outreach, "withdrawalReason")).isNull();
    }

    @Test
    void aMarketingOptOutEndsThePatientsPromotionButNotTheirCareOutreach() {
        TestPatient jo = patient("gap-opt-out", null);
        ProcessInstance journey = outreachTo(jo);
        ProcessInstance promotion = promotionTo(jo);

        assertThat(http().bearer(API_KEY).put("/api/v1/patients/" + jo.id() + "/marketing-preference",
                "{\"marketingOptOut\": true}").status()).isEqualTo(204);

        assertOutreachGoesOnAndPromotionEnded(journey, promotion, "MARKETING_OPT_OUT");
    }

    @Test
    void anUnsubscribeEndsThePatientsPromotionButNotTheirCareOutreach() {
        TestPatient jo = patient("gap-unsubscribe", null);
        ProcessInstance journey = outreachTo(jo);
        ProcessInstance promotion = promotionTo(jo);

        assertThat(http().post("/u/" + unsubscribes.issue(jo.id()), "").status()).isEqualTo(200);

        assertOutreachGoesOnAndPromotionEnded(journey, promotion, "UNSUBSCRIBED");
    }

    @Test
    void aPatientRecordReplacedWithAnOptOutEndsThePromotionOnly() {
        TestPatient jo = patient("gap-record-opt-out", null);
        ProcessInstance journey = outreachTo(jo);
        ProcessInstance promotion = promotionTo(jo);

        var stored = patients.find(jo.id()).orElseThrow();
        patients.save(new org.carepath.patient.PatientDetails(stored.id(), stored.name(), stored.email(),
                stored.birthDate(), stored.sex(), stored.postalCode(), stored.clinical(), true, null));

        assertOutreachGoesOnAndPromotionEnded(journey, promotion, "MARKETING_OPT_OUT");
    }

    private static String plainText(MimeMessage message) throws Exception {
        var parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/plain")) {
                return parts.getBodyPart(i).getContent().toString();
            }
        }
        throw new AssertionError("no text/plain part");
    }
}
