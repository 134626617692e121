package org.carepath.journey.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.carepath.ServerTest;
import org.carepath.delivery.outbox.Outbox;
import org.carepath.delivery.outbox.OutboxStatus;
import org.carepath.TestHttp;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Campaigns over HTTP on the real server: the launcher, Camunda and PostgreSQL as in production, with two
 * small test journeys deployed here and removed afterwards (the Spring context is shared by every IT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignIT extends ServerTest {

    private static final String COMMUNICATION = """
            { "purpose": "PROMOTION", "sponsor": "Acme Pharma", "remuneration": "COST_RELATED",
              "encouragesPurchaseOrUse": true, "phiUsed": ["CONDITIONS"], "sensitivity": "STANDARD" }""";

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    PatientRegistry patients;
    @Autowired
    CampaignLauncher launcher;
    @Autowired
    CampaignTable table;
    @Autowired
    Outbox outbox;

    private final List<String> deployments = new ArrayList<>();
    private TestHttp api;
    /** Four eyes: campaigns are recorded with the test key and approved by a compliance officer's own key. */
    private TestHttp compliance;

    @BeforeAll
    void deployAndRegister() {
        for (String bpmn : List.of("campaign/campaign-wait.bpmn", "campaign/campaign-fail.bpmn")) {
            deployments.add(repository.createDeployment().name("campaign-it").addClasspathResource(bpmn)
                    .deploy().getId());
        }
        // 400 patients for lists and the cancel; 12 of them share a postal code prefix no other test uses
        for (int i = 1; i <= 400; i++) {
            register("cmp-%03d".formatted(i), i <= 12 ? "3141" + (i % 10) : "27" + i);
        }
        for (String id : List.of("boom-1", "fine-1", "fine-2", "fine-3")) {
            register(id, "28000");
        }
        api = http().bearer(API_KEY);
        var officer = api.post("/api/v1/api-keys", "{\"name\":\"campaign-it compliance\",\"roles\":[\"COMPLIANCE\"]}");
        compliance = http().bearer(officer.json().get("secret").asText());
    }

    private JsonNode approve(String campaignId) {
        var reply = compliance.post("/api/v1/campaigns/" + campaignId + "/approval", "{\"approved\": true}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @AfterAll
    void undeploy() {
        launcher.resume();
        // cascade: their instances and history go too
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    private void register(String id, String postalCode) {
        patients.save(new PatientDetails(id, "Campaign Test", id + "@campaign.example.org", LocalDate.of(1970, 1, 1),
                "female", postalCode, null, false, null));
    }

    private static String ids(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static List<String> members(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj("cmp-%03d"::formatted).toList();
    }

    private JsonNode campaign(String id) {
        var reply = api.get("/api/v1/campaigns/" + id);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private static long sum(JsonNode members) {
        long total = 0;
        for (JsonNode count : members) {
            total += count.asLong();
        }
        return total;
    }

    @Test
    void aListIsStartedOneInstancePerPatientWithTheFactsAsVariables() {
        List<String> list = new ArrayList<>(members(13, 42));
        list.add("cmp-013");            // a duplicate counts once
        list.add("cmp-no-such-patient"); // not in the registry: skipped
        var reply = api.post("/api/v1/campaigns", """
                { "campaignId": "it_list-1", "process": "campaign-it-wait", "patientIds": %s,
                  "communication": %s }""".formatted(ids(list), COMMUNICATION));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.location()).isEqualTo("/api/v1/campaigns/it_list-1");
        JsonNode accepted = reply.json();
        assertThat(accepted.get("memberCount").asInt()).isEqualTo(31);
        assertThat(accepted.get("members").get("SKIPPED").asInt()).isEqualTo(1);
        assertThat(accepted.get("communication").get("campaignId").asText()).isEqualTo("it_list-1");
        assertThat(accepted.get("state").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(campaign("it_list-1").get("members").get("PENDING").asInt()).as("nothing starts unapproved")
                .isEqualTo(30);
        JsonNode approved = approve("it_list-1");
        assertThat(approved.get("state").asText()).isIn("LAUNCHING", "LAUNCHED");
        assertThat(approved.get("reviewedBy").asText()).isNotEqualTo(accepted.get("createdBy").asText());

        await().atMost(Duration.ofSeconds(30)).until(() -> campaign("it_list-1").get("state").asText()
                .equals("LAUNCHED"));
        JsonNode done = campaign("it_list-1");
        assertThat(done.get("members").get("STARTED").asInt()).isEqualTo(30);
        assertThat(sum(done.get("members"))).isEqualTo(done.get("memberCount").asLong());
        assertThat(done.get("instances").get("running").asInt()).isEqualTo(30);
        assertThat(done.get("launchedAt").isNull()).isFalse();

        ProcessInstance one = runtime.createProcessInstanceQuery().processInstanceBusinessKey("it_list-1:cmp-020")
                .singleResult();
        Map<String, Object> variables = runtime.getVariables(one.getId());
        assertThat(variables).containsOnlyKeys("patientId", "campaignId", "campaignApproved", "purpose", "sponsor",
                "remuneration",
                "encouragesPurchaseOrUse", "phiUsed", "sensitivity");
        assertThat(variables).containsEntry("patientId", "cmp-020").containsEntry("campaignId", "it_list-1")
                .containsEntry("purpose", "PROMOTION").containsEntry("remuneration", "COST_RELATED")
                .containsEntry("encouragesPurchaseOrUse", true).containsEntry("phiUsed", "CONDITIONS");
        assertThat(jdbc.queryForObject("select process_instance_id from carepath.campaign_member"
                + " where campaign_id = 'it_list-1' and patient_id = 'cmp-020'", String.class)).isEqualTo(one.getId());

        // the same campaign id again starts nothing
        var again = api.post("/api/v1/campaigns", """
                { "campaignId": "it_list-1", "process": "campaign-it-wait", "patientIds": ["cmp-050"],
                  "communication": %s }""".formatted(COMMUNICATION));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("exists already");
        assertThat(campaign("it_list-1").get("memberCount").asInt()).isEqualTo(31);

        assertThat(api.get("/api/v1/campaigns").body()).contains("\"id\":\"it_list-1\"");
    }

    @Test
    void aSegmentIsResolvedWhenTheCampaignStartsAndItsPhiIsDeclared() {
        var segment = api.post("/api/v1/segments", """
                { "name": "campaign-it postal 3141", "criteria": { "postalCodePrefix": "3141" } }""");
        assertThat(segment.status()).isEqualTo(201);
        var reply = api.post("/api/v1/campaigns", """
                { "campaignId": "it-segment-1", "process": "campaign-it-wait", "segmentId": "%s",
                  "communication": %s }""".formatted(segment.json().get("id").asText(), COMMUNICATION));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.json().get("memberCount").asInt()).isEqualTo(12);
        assertThat(reply.json().get("communication").get("phiUsed").toString())
                .contains("CONDITIONS").contains("DEMOGRAPHICS");
        approve("it-segment-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> campaign("it-segment-1").get("members").get("STARTED")
                .asInt() == 12);
        JsonNode progress = campaign("it-segment-1");
        assertThat(progress.get("instances").get("running").asInt()).isEqualTo(12);
        assertThat(runtime.getVariable(runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey("it-segment-1:cmp-001").singleResult().getId(), "phiUsed"))
                .isEqualTo("DEMOGRAPHICS,CONDITIONS");
    }

    @Test
    void cancelMidLaunchStopsTheLauncherAndEndsTheRunningInstances() {
        launcher.pause();
        try {
            var reply = api.post("/api/v1/campaigns", """
                    { "campaignId": "it-cancel-1", "process": "campaign-it-wait", "patientIds": %s,
                      "communication": %s }""".formatted(ids(members(1, 400)), COMMUNICATION));
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
            assertThat(reply.json().get("members").get("PENDING").asInt()).isEqualTo(400);
            approve("it-cancel-1");

            // exactly one batch (250) gets started; then the campaign is cancelled
            CampaignTable.Launch launch = table.launching().stream().filter(c -> c.id().equals("it-cancel-1"))
                    .findFirst().orElseThrow();
            assertThat(launcher.launchBatch(launch)).isEqualTo(250);
            assertThat(campaign("it-cancel-1").get("instances").get("running").asInt()).isEqualTo(250);
            // two of its journeys have queued a message (due later); another journey's message is not its own
            String started = jdbc.queryForObject("select process_instance_id from carepath.campaign_member"
                    + " where campaign_id = 'it-cancel-1' and state = 'STARTED' limit 1", String.class);
            Instant later = Instant.now().plus(Duration.ofDays(1));
            String queued = outbox.enqueue("journey/" + started + "/Send/cmp-001", "cmp-001", new byte[] {1}, later);
            String other = outbox.enqueue("journey/not-this-campaign/Send/cmp-002", "cmp-002", new byte[] {1}, later);

            var cancelled = api.post("/api/v1/campaigns/it-cancel-1/cancel", "");
            assertThat(cancelled.status()).isEqualTo(202);
            assertThat(cancelled.json().get("state").asText()).isIn("CANCELLING", "CANCELLED");
            assertThat(cancelled.json().get("members").get("CANCELLED").asInt()).isEqualTo(150);
            assertThat(cancelled.json().get("cancelledBy").isNull()).isFalse();
            assertThat(outbox.describe(queued).orElseThrow()).containsEntry("status", "BLOCKED")
                    .containsEntry("last_outcome", "not sent: campaign cancelled");
            assertThat(outbox.status(other)).contains(OutboxStatus.QUEUED);
            // nothing more can be started for it, even when a launcher tries
            assertThat(launcher.launchBatch(launch)).isZero();
        } finally {
            launcher.resume();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> campaign("it-cancel-1").get("state").asText()
                .equals("CANCELLED"));
        JsonNode end = campaign("it-cancel-1");
        assertThat(end.get("members").get("STARTED").asInt()).isEqualTo(250);
        assertThat(end.get("members").get("CANCELLED").asInt()).isEqualTo(150);
        assertThat(end.get("instances").get("running").asInt()).isZero();
        assertThat(end.get("instances").get("endedEarly").asInt()).isEqualTo(250);
        // cancelling again changes nothing
        assertThat(api.post("/api/v1/campaigns/it-cancel-1/cancel", "").json().get("state").asText())
                .isEqualTo("CANCELLED");
    }

    @Test
    void oneFailingStartFailsThatMemberOnly() {
        var reply = api.post("/api/v1/campaigns", """
                { "campaignId": "it-fail-1", "process": "campaign-it-fail",
                  "patientIds": ["fine-1", "boom-1", "fine-2", "fine-3"], "communication": %s }"""
                .formatted(COMMUNICATION));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        approve("it-fail-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> campaign("it-fail-1").get("state").asText()
                .equals("LAUNCHED"));
        JsonNode done = campaign("it-fail-1");
        assertThat(done.get("members").get("STARTED").asInt()).isEqualTo(3);
        assertThat(done.get("members").get("FAILED").asInt()).isEqualTo(1);
        assertThat(done.get("instances").get("running").asInt()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select reason from carepath.campaign_member"
                + " where campaign_id = 'it-fail-1' and patient_id = 'boom-1'", String.class))
                .startsWith("start failed: ").doesNotContain("boom");
    }

    @Test
    void aCampaignIsReviewedByFourEyesAndARejectedOneStartsNothing() {
        var reply = api.post("/api/v1/campaigns", """
                { "campaignId": "it-review-1", "process": "campaign-it-wait", "patientIds": %s,
                  "communication": %s }""".formatted(ids(members(43, 47)), COMMUNICATION));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);

        var self = api.post("/api/v1/campaigns/it-review-1/approval", "{\"approved\": true}");
        assertThat(self.status()).as("whoever recorded it cannot approve it").isEqualTo(403);
        assertThat(self.json().get("detail").asText()).contains("four eyes");
        assertThat(compliance.post("/api/v1/campaigns/it-review-1/approval", "{}").status()).isEqualTo(400);
        assertThat(compliance.post("/api/v1/campaigns/no-such-campaign/approval", "{\"approved\": true}")
                .status()).isEqualTo(404);

        var rejected = compliance.post("/api/v1/campaigns/it-review-1/approval", "{\"approved\": false}");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("state").asText()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("members").get("CANCELLED").asInt()).isEqualTo(5);
        assertThat(compliance.post("/api/v1/campaigns/it-review-1/approval", "{\"approved\": true}").status())
                .as("reviewed once").isEqualTo(409);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike("it-review-1:%").count())
                .isZero();

        var operatorKey = api.post("/api/v1/api-keys", "{\"name\":\"campaign-it reviewer ops\",\"roles\":[\"OPERATOR\"]}");
        assertThat(http().bearer(operatorKey.json().get("secret").asText())
                .post("/api/v1/campaigns/it-review-1/approval", "{\"approved\": true}").status())
                .as("operators run campaigns; compliance approves them").isEqualTo(403);
    }

    @Test
    void aCampaignRunsTheJourneyVersionItWasRecordedWithEvenWhenANewOneIsDeployed() {
        var reply = api.post("/api/v1/campaigns", """
                { "campaignId": "it-version-1", "process": "campaign-it-wait", "patientIds": %s,
                  "communication": %s }""".formatted(ids(members(48, 50)), COMMUNICATION));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        String recorded = reply.json().get("processDefinitionId").asText();

        deployments.add(repository.createDeployment().name("campaign-it v-next")
                .addClasspathResource("campaign/campaign-wait.bpmn").deploy().getId());
        String latest = repository.createProcessDefinitionQuery().processDefinitionKey("campaign-it-wait")
                .latestVersion().singleResult().getId();
        assertThat(latest).as("a newer version is deployed").isNotEqualTo(recorded);

        approve("it-version-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> campaign("it-version-1").get("state").asText()
                .equals("LAUNCHED"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike("it-version-1:%").list())
                .hasSize(3).allSatisfy(i -> assertThat(i.getProcessDefinitionId()).isEqualTo(recorded));
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        String list = "\"patientIds\": [\"cmp-001\"]";
        assertProblem(400, "give either segmentId or patientIds, not both", """
                { "campaignId": "bad-1", "process": "campaign-it-wait", "segmentId": "s-1", %s,
                  "communication": %s }""".formatted(list, COMMUNICATION));
        assertProblem(400, "segmentId or patientIds is required", """
                { "campaignId": "bad-1", "process": "campaign-it-wait", "communication": %s }"""
                .formatted(COMMUNICATION));
        assertProblem(422, "no process definition with key 'no-such-journey' is deployed", """
                { "campaignId": "bad-1", "process": "no-such-journey", %s, "communication": %s }"""
                .formatted(list, COMMUNICATION));
        assertProblem(422, "segmentId: no segment with id 's-nope'", """
                { "campaignId": "bad-1", "process": "campaign-it-wait", "segmentId": "s-nope", "communication": %s }"""
                .formatted(COMMUNICATION));
        assertProblem(400, "communication.remuneration: unknown value 'LOTS'; expected one of NONE", """
                { "campaignId": "bad-1", "process": "campaign-it-wait", %s,
                  "communication": { "purpose": "PROMOTION", "remuneration": "LOTS" } }""".formatted(list));
        assertProblem(400, "communication.remuneraton: unknown field", """
                { "campaignId": "bad-1", "process": "campaign-it-wait", %s,
                  "communication": { "purpose": "PROMOTION", "remuneraton": "NONE" } }""".formatted(list));
        assertProblem(400, "communication.purpose is required", """
                { "campaignId": "bad-1", "process": "campaign-it-wait", %s, "communication": {} }""".formatted(list));
        assertProblem(400, "campaignId: 1 to 100 letters", """
                { "campaignId": "flu:2026", "process": "campaign-it-wait", %s, "communication": %s }"""
                .formatted(list, COMMUNICATION));
        assertProblem(400, "patientIds[1] is blank", """
                { "campaignId": "bad-1", "process": "campaign-it-wait", "patientIds": ["cmp-001", ""],
                  "communication": %s }""".formatted(COMMUNICATION));
        assertThat(jdbc.queryForObject("select count(*) from carepath.campaign where id = 'bad-1'", Integer.class))
                .isZero();
        assertThat(api.get("/api/v1/campaigns/no-such-campaign").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/campaigns/no-such-campaign/cancel", "").status()).isEqualTo(404);
    }

    private void assertProblem(int status, String detail, String body) {
        var reply = api.post("/api/v1/campaigns", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("detail").asText()).contains(detail);
    }

    @Test
    void integrationsMayNotStartCampaignsNorReadThem() {
        var issued = api.post("/api/v1/api-keys", "{\"name\":\"campaign-it ehr\",\"roles\":[\"INTEGRATION\"]}");
        TestHttp ehr = http().bearer(issued.json().get("secret").asText());
        assertThat(ehr.post("/api/v1/campaigns", "{}").status()).isEqualTo(403);
        assertThat(ehr.get("/api/v1/campaigns").status()).isEqualTo(403);
        var operatorKey = api.post("/api/v1/api-keys", "{\"name\":\"campaign-it ops\",\"roles\":[\"OPERATOR\"]}");
        TestHttp operator = http().bearer(operatorKey.json().get("secret").asText());
        assertThat(operator.get("/api/v1/campaigns").status()).isEqualTo(200);
    }
}
