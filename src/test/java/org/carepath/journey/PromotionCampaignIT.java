package org.carepath.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

class PromotionCampaignIT extends JourneyTest {

    private ProcessInstance launch(TestPatient patient, Map<String, Object> facts) {
        var variables = new java.util.HashMap<String, Object>(Map.of("patientId", patient.id(),
                "campaignId", "spring-wellness-2027", "phiUsed", "DEMOGRAPHICS"));
        variables.putAll(facts);
        ProcessInstance journey = start("promotion-campaign", variables);
        awaitWaitingAt(journey, "ApproveCampaign");
        return journey;
    }

    private Task task(ProcessInstance journey) {
        return tasks.createTaskQuery().processInstanceId(journey.getId()).singleResult();
    }

    @Test
    void complianceApprovesTheCampaignAndTheRulesLetItGoEncrypted() throws Exception {
        TestPatient ana = marketablePatient("promo-send");
        ProcessInstance journey = launch(ana, Map.of());

        Task approval = task(journey);
        assertThat(approval).hasCandidateGroup("compliance").hasName("Approve campaign content");
        tasks.complete(approval.getId(), Map.of("campaignApproved", true));
        awaitEnded(journey);

        assertThat(journey).hasPassed("DecidePromotion", "SendPromotion", "EndSent");
        assertThat(variable(journey, "classification")).isEqualTo("MARKETING");
        assertThat(variable(journey, "deliveryPath")).isEqualTo("SMIME");
        awaitOutboxSettled(journey);
        assertThat(outboxOf(journey)).singleElement().satisfies(row -> assertThat(row.get("status")).isEqualTo("SENT"));
        assertThat(awaitMail(ana.email(), 1)[0].getContentType()).startsWith("application/pkcs7-mime");
    }

    @Test
    void aRejectedCampaignSendsNothing() throws Exception {
        TestPatient ana = marketablePatient("promo-campaign-rejected");
        ProcessInstance journey = launch(ana, Map.of());

        tasks.complete(task(journey).getId(), Map.of("campaignApproved", false));

        assertThat(journey).isEnded().hasPassed("EndCampaignRejected").hasNotPassed("DecidePromotion");
        assertThat(outboxOf(journey)).isEmpty();
    }

    @Test
    void aPatientWithoutAuthorizationIsBlockedByTheRules() {
        TestPatient ben = patient("promo-blocked", null);
        ProcessInstance journey = launch(ben, Map.of());

        tasks.complete(task(journey).getId(), Map.of("campaignApproved", true));
        awaitEnded(journey);

        assertThat(journey).hasPassed("EndBlocked").hasNotPassed("SendPromotion");
        assertThat(variable(journey, "decisionOutcome")).isEqualTo("BLOCK");
        assertThat(outboxOf(journey)).isEmpty();
    }

    @Test
    void aMessageTheRulesSendToReviewBecomesATaskAndIsSentOnceTheReviewerEstablishedTheFacts() throws Exception {
        TestPatient ana = marketablePatient("promo-review-approved");
        ProcessInstance journey = launch(ana, Map.of("sponsor", "Acme Pharma", "remuneration", "UNKNOWN"));
        tasks.complete(task(journey).getId(), Map.of("campaignApproved", true));
        awaitWaitingAt(journey, "ReviewMessage");

        Task review = task(journey);
        assertThat(review).hasCandidateGroup("compliance").hasName("Review message for patient");
        assertThat(variable(journey, "decisionOutcome")).isEqualTo("REVIEW");
        // the form shows ids only
        var form = engine.getFormService().getTaskFormData(review.getId()).getFormFields();
        assertThat(form).extracting(f -> String.valueOf(f.getValue().getValue()))
                .contains(ana.id(), "spring-wellness-2027").noneMatch(v -> v.contains("@") || v.contains("Jo "));

        tasks.complete(review.getId(), Map.of("messageApproved", true, "remuneration", "COST_RELATED"));
        awaitEnded(journey);

        assertThat(journey).hasPassed("ReviewMessage", "SendPromotion", "EndSent");
        awaitOutboxSettled(journey);
        assertThat(outboxOf(journey)).singleElement().satisfies(row -> assertThat(row.get("status")).isEqualTo("SENT"));
        assertThat(awaitMail(ana.email(), 1)).hasSize(1);
    }

    @Test
    void aMessageRejectedInReviewIsNotSent() throws Exception {
        TestPatient ana = marketablePatient("promo-review-rejected");
        ProcessInstance journey = launch(ana, Map.of("remuneration", "UNKNOWN"));
        tasks.complete(task(journey).getId(), Map.of("campaignApproved", true));
        awaitWaitingAt(journey, "ReviewMessage");

        tasks.complete(task(journey).getId(), Map.of("messageApproved", false));

        assertThat(journey).isEnded().hasPassed("EndRejected").hasNotPassed("SendPromotion");
        assertThat(outboxOf(journey)).isEmpty();
    }

    @Test
    void aRevocationWhileTheCampaignAwaitsApprovalStopsTheJourney() throws Exception {
        TestPatient ana = marketablePatient("promo-revoked");
        ProcessInstance journey = launch(ana, Map.of());

        var reply = http().bearer(API_KEY).post("/api/v1/authorizations/a-" + ana.id() + "/revocation", "{}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);

        assertThat(journey).isEnded().hasPassed("EndWithdrew").hasNotPassed("DecidePromotion");
        assertThat(variable(journey, "withdrawalReason")).isEqualTo("AUTHORIZATION_REVOKED");
        assertThat(tasks.createTaskQuery().processInstanceId(journey.getId()).count()).isZero();
        assertThat(outboxOf(journey)).isEmpty();
    }

    @Test
    void aJourneyOfAnApprovedCampaignSkipsItsOwnApprovalStep() throws Exception {
        TestPatient ana = marketablePatient("promo-approved-campaign");
        ProcessInstance journey = start("promotion-campaign", Map.of("patientId", ana.id(),
                "campaignId", "spring-wellness-2027", "phiUsed", "DEMOGRAPHICS", "campaignApproved", true));
        awaitEnded(journey);

        assertThat(journey).hasPassed("ApprovedWithCampaign", "DecidePromotion", "SendPromotion", "EndSent")
                .hasNotPassed("ApproveCampaign");
        awaitOutboxSettled(journey);
    }
}
