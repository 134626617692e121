package org.carepath.delivery.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.carepath.delivery.outbox.Outbox;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the delivery status reports that come back for mail already accepted by a server (the recipient's
 * server found out later that the mailbox does not exist). A hard bounce for the address a patient still has
 * suppresses it and marks the message {@code BOUNCED}; delays and soft failures are counted and left alone.
 */
@Service
public class BounceIntake {

    /** What one report did; names message ids and counts, never an address. */
    public record Outcome(int recipients, int failed, int hardBounces, int suppressed, List<String> bouncedMessages,
                          List<String> ignored) {
    }

    private final Outbox outbox;
    private final PatientRegistry patients;
    private final Suppressions suppressions;

    public BounceIntake(Outbox outbox, PatientRegistry patients, Suppressions suppressions) {
        this.outbox = outbox;
        this.patients = patients;
        this.suppressions = suppressions;
    }

    @Transactional
    public Outcome take(DeliveryStatusReport report) {
        Optional<Outbox.Sent> sent = report.originalMessageId().flatMap(outbox::sentWithMessageId);
        int failed = 0;
        int hard = 0;
        int suppressed = 0;
        List<String> bounced = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (DeliveryStatusReport.RecipientStatus recipient : report.recipients()) {
            if (!recipient.failed()) {
                continue;
            }
            failed++;
            Optional<HardBounce> bounce = HardBounce.ofStatus(recipient.status());
            if (bounce.isEmpty()) {
                ignored.add("status " + recipient.status() + " does not condemn the address");
                continue;
            }
            hard++;
            Optional<PatientDetails> patient = sent.flatMap(s -> patients.find(s.patientId()))
                    .or(() -> patients.findByEmail(recipient.finalRecipient()));
            if (patient.isEmpty() || !sameAddress(patient.get().email(), recipient.finalRecipient())) {
                ignored.add("no patient has the bounced address now");
                continue;
            }
            suppressions.suppress(patient.get().id(), recipient.finalRecipient(), bounce.get(), "DSN",
                    report.originalMessageId().orElse(null));
            suppressed++;
            sent.ifPresent(s -> {
                outbox.markBounced(s.id(), "bounced after delivery: DSN status " + bounce.get().statusCode());
                bounced.add(s.id());
            });
        }
        return new Outcome(report.recipients().size(), failed, hard, suppressed, bounced, ignored);
    }

    private static boolean sameAddress(String current, String bounced) {
        return current != null && current.strip().toLowerCase(Locale.ROOT)
                .equals(bounced.strip().toLowerCase(Locale.ROOT));
    }
}
