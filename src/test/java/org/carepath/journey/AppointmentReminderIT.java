package org.carepath.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.carepath.delivery.bounce.HardBounce;
import org.carepath.delivery.bounce.Suppressions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class AppointmentReminderIT extends JourneyTest {

    @Autowired
    Suppressions suppressions;


    @Autowired
    TransactionTemplate transactions;

    private ProcessInstance remind(TestPatient patient) {
        return start("appointment-reminder", Map.of("patientId", patient.id(), "appointmentId", patient.id() + "-ap"));
    }

    @Test
    void bothRemindersAreSentOnTheirDays() throws Exception {
        Instant appointment = Instant.now().plus(Duration.ofDays(10));
        TestPatient jo = patient("appt-both", appointment);
        ProcessInstance journey = remind(jo);
        awaitWaitingAt(journey, "Wait7");
        assertThat(variable(journey, "firstReminderAt")).isEqualTo(Date.from(appointment.minus(Duration.ofDays(7))));

        fireTimer(journey);
        assertThat(journey).isWaitingAt("Wait1").hasPassed("SendFirst");
        fireTimer(journey);

        assertThat(journey).isEnded().hasPassed("SendSecond", "EndReminded");
        assertThat(outboxOf(journey)).hasSize(2);
        awaitOutboxSettled(journey);
        assertThat(outboxOf(journey)).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("SENT"));
        assertThat(awaitMail(jo.email(), 2)).hasSize(2);
    }

    @Test
    void aReminderWhoseDayHasPassedIsSkippedNotSentLate() {
        TestPatient jo = patient("appt-soon", Instant.now().plus(Duration.ofDays(3)));
        ProcessInstance journey = remind(jo);
        awaitWaitingAt(journey, "Wait1");
        assertThat(journey).hasNotPassed("Wait7", "SendFirst");
    }

    @Test
    void anAppointmentNotOnFileRemindsNothing() {
        TestPatient jo = patient("appt-none", null);
        ProcessInstance journey = remind(jo);
        awaitEnded(journey);
        assertThat(journey).hasPassed("EndNotBooked");
        assertThat(outboxOf(journey)).isEmpty();
    }

    @Test
    void aCancelledAppointmentEndsTheJourney() {
        TestPatient jo = patient("appt-cancelled", Instant.now().plus(Duration.ofDays(10)));
        ProcessInstance journey = remind(jo);
        awaitWaitingAt(journey, "Wait7");

        runtime.createMessageCorrelation("carepath.appointment-cancelled")
                .processInstanceVariableEquals("appointmentId", jo.id() + "-ap").correlateAll();

        assertThat(journey).isEnded().hasPassed("EndCancelled");
        assertThat(outboxOf(journey)).isEmpty();
    }

    @Test
    void aRevocationLeavesTheRemindersButAHardBounceStopsThemBeforeTheNextSend() throws Exception {
        TestPatient jo = patient("appt-bounced", Instant.now().plus(Duration.ofDays(10)));
        String authorization = authorize(jo);
        ProcessInstance journey = remind(jo);
        awaitWaitingAt(journey, "Wait7");
        fireTimer(journey);
        awaitWaitingAt(journey, "Wait1");
        awaitOutboxSettled(journey);
        assertThat(awaitMail(jo.email(), 1)).hasSize(1);

        var reply = http().bearer(API_KEY).post("/api/v1/authorizations/" + authorization + "/revocation", "{}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(journey).as("a reminder is not marketing: a revoked marketing authorization does not end it")
                .isWaitingAt("Wait1");

        suppressions.suppress(jo.id(), jo.email(), new HardBounce("NO_SUCH_ADDRESS", "5.1.1"), "DSN", null);

        assertThat(journey).isEnded().hasPassed("EndWithdrew").hasNotPassed("SendSecond");
        assertThat(variable(journey, "withdrawalReason")).isEqualTo("HARD_BOUNCE");
        assertThat(management.createJobQuery().processInstanceId(journey.getId()).count()).isZero();
        // the first reminder, and nothing queued after the bounce
        assertThat(outboxOf(journey)).hasSize(1);
        assertThat(receivedBy(jo.email())).hasSize(1);
    }

    @Test
    void aWithdrawalRolledBackStopsNothing() {
        TestPatient jo = patient("appt-rollback", Instant.now().plus(Duration.ofDays(10)));
        ProcessInstance journey = remind(jo);
        awaitWaitingAt(journey, "Wait7");

        transactions.executeWithoutResult(tx -> {
            suppressions.suppress(jo.id(), jo.email(), new HardBounce("NO_SUCH_ADDRESS", "5.1.1"), "DSN", null);
            tx.setRollbackOnly();
        });

        assertThat(journey).isWaitingAt("Wait7");
        assertThat(suppressions.of(jo.id())).isEmpty();
    }
}
