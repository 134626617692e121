package org.carepath.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.carepath.ServerTest;
import org.carepath.compliance.Authorization;
import org.carepath.compliance.AuthorizationStatements;
import org.carepath.compliance.KeySource;
import org.carepath.compliance.PhiCategory;
import org.carepath.compliance.Purpose;
import org.carepath.compliance.SecureMethod;
import org.carepath.consent.AuthorizationRegistry;
import org.carepath.delivery.capability.RecipientKeys;
import org.carepath.delivery.encryption.TestCertificates;
import org.carepath.patient.Appointment;
import org.carepath.patient.ClinicalReferences;
import org.carepath.patient.ClinicalFacts;
import org.carepath.patient.CodedItem;
import org.carepath.patient.Medication;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Journeys as shipped: the real files from processes/, deployed by the test (and removed after it, with their
 * instances), the real delegates, the job executor running, the delivery worker sending to GreenMail.
 * GreenMail offers no STARTTLS, so care messages arrive as portal notices and marketing only encrypted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JourneyTest extends ServerTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger PATIENTS = new AtomicInteger();

    static GreenMail smtp;

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    PatientRegistry patients;
    @Autowired
    AuthorizationRegistry authorizations;
    @Autowired
    RecipientKeys keys;
    @Autowired
    ClinicalReferences references;

    private Deployment deployment;

    @BeforeAll
    void deployJourneysAndStartMail() throws IOException {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        BpmnAwareTests.init(engine);
        DeploymentBuilder builder = repository.createDeployment().name(getClass().getSimpleName());
        for (String journey : List.of("appointment-reminder", "care-gap-outreach", "refill-reminder",
                "promotion-campaign")) {
            try (InputStream in = Files.newInputStream(Path.of("processes", journey + ".bpmn"))) {
                builder.addInputStream(journey + ".bpmn", new java.io.ByteArrayInputStream(in.readAllBytes()));
            }
        }
        deployment = builder.deploy();
    }

    @AfterAll
    void removeJourneysAndStopMail() {
        repository.deleteDeployment(deployment.getId(), true, true);
        smtp.stop();
    }

    /** Starts the journey of this test's deployment (not a later version another deployer may have added). */
    ProcessInstance start(String journey, Map<String, Object> variables) {
        String definitionId = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                .processDefinitionKey(journey).singleResult().getId();
        return runtime.startProcessInstanceById(definitionId, variables);
    }

    void awaitWaitingAt(ProcessInstance instance, String activityId) {
        await().atMost(PATIENCE).until(() -> isRunning(instance)
                && runtime.getActiveActivityIds(instance.getId()).contains(activityId));
    }

    void awaitEnded(ProcessInstance instance) {
        await().atMost(PATIENCE).until(() -> !isRunning(instance));
    }

    boolean isRunning(ProcessInstance instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 1;
    }

    /** Fires the instance's one timer now, as if its day had come. */
    void fireTimer(ProcessInstance instance) {
        var timer = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
        assertThat(timer).as("a timer waits").isNotNull();
        management.executeJob(timer.getId());
    }

    /** A process variable (the instance's own scope, not a task's input of the same name), in history. */
    Object variable(ProcessInstance instance, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).list().stream()
                .filter(v -> instance.getId().equals(v.getActivityInstanceId()))
                .findFirst().map(v -> v.getValue()).orElse(null);
    }

    /** The outbox rows this journey queued, and their status. */
    List<Map<String, Object>> outboxOf(ProcessInstance instance) {
        return jdbc.queryForList("select id, status, last_outcome from carepath.outbox_message"
                + " where idempotency_key like ? order by created_at", "journey/" + instance.getId() + "/%");
    }

    void awaitOutboxSettled(ProcessInstance instance) {
        await().atMost(PATIENCE).until(() -> outboxOf(instance).stream()
                .noneMatch(row -> String.valueOf(row.get("status")).matches("QUEUED|SENDING|RETRY")));
    }

    static MimeMessage[] receivedBy(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    static MimeMessage[] awaitMail(String address, int count) {
        await().atMost(PATIENCE).until(() -> receivedBy(address).length >= count);
        return receivedBy(address);
    }

    // ---- patients

    record TestPatient(String id, String email) {
    }

    static final CodedItem COLON_SCREENING = new CodedItem("care-gap", "colorectal-screening",
            "Colorectal cancer screening overdue");
    static final Medication METFORMIN = new Medication("RxNorm", "860975", "metformin 500 mg", true, null);

    TestPatient patient(String label, Instant appointmentStart) {
        String id = "p-jrn-" + label + "-" + PATIENTS.incrementAndGet();
        String email = id + "@journeys.example.org";
        List<Appointment> appointments = appointmentStart == null ? List.of()
                : List.of(new Appointment(id + "-ap", appointmentStart, "follow-up", "booked"));
        patients.save(new PatientDetails(id, "Jo Journey", email, LocalDate.of(1970, 3, 4), "female", "02139",
                new ClinicalFacts(List.of(), List.of(METFORMIN), appointments, List.of(COLON_SCREENING)), false,
                null));
        return new TestPatient(id, email);
    }

    /** A patient who can receive marketing: a valid promotion authorization and an S/MIME certificate. */
    TestPatient marketablePatient(String label) throws Exception {
        TestPatient p = patient(label, null);
        authorize(p);
        Instant now = Instant.now();
        keys.register(p.id(), SecureMethod.SMIME, KeySource.PATIENT,
                TestCertificates.recipientPem(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));
        return p;
    }

    String authorize(TestPatient p) {
        String id = "a-" + p.id();
        authorizations.record(new Authorization(id, p.id(), Instant.parse("2026-01-10T09:00:00Z"), "signed", null,
                List.of(PhiCategory.DEMOGRAPHICS, PhiCategory.CONDITIONS), List.of("Riverside Clinic"),
                List.of("Riverside Clinic"), List.of(Purpose.PROMOTION), List.of(), List.of(),
                Instant.parse("2099-01-01T00:00:00Z"), null, false, new AuthorizationStatements(true, true, true, true),
                true, false, false, null, false), "journey test");
        return id;
    }
}
