package org.carepath.patient.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.carepath.compliance.PhiCategory;
import org.carepath.patient.Appointment;
import org.carepath.patient.ClinicalFacts;
import org.carepath.patient.CodedItem;
import org.carepath.patient.PatientDetails;
import org.junit.jupiter.api.Test;

class SegmentCriteriaTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-04");
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static PatientDetails born(String birthDate, List<Appointment> appointments) {
        return new PatientDetails("p", "n", "e@x.org", LocalDate.parse(birthDate), "female", "02139",
                new ClinicalFacts(List.of(new CodedItem("ICD-10", "E11.9", "diabetes")), null, appointments, null),
                false, null);
    }

    private static SegmentCriteria ages(Integer min, Integer max) {
        return new SegmentCriteria(min, max, null, null, null, null, null, null, null);
    }

    @Test
    void ageBandsIncludeTheirEnds() {
        assertThat(ages(50, 75).matches(born("1976-12-04", List.of()), TODAY, NOW)).as("50 today").isTrue();
        assertThat(ages(50, 75).matches(born("1976-12-05", List.of()), TODAY, NOW)).as("49 until tomorrow").isFalse();
        assertThat(ages(50, 75).matches(born("1951-01-01", List.of()), TODAY, NOW)).as("75").isTrue();
        assertThat(ages(50, 75).matches(born("1950-12-04", List.of()), TODAY, NOW)).as("76 today").isFalse();
    }

    @Test
    void lastAppointmentIgnoresCancelledAndFutureOnes() {
        var criteria = new SegmentCriteria(null, null, null, null, null, null, null,
                Instant.parse("2025-12-01T00:00:00Z"), null);
        var seenLongAgo = born("1960-01-01", List.of(
                new Appointment("ap-1", Instant.parse("2025-03-01T09:00:00Z"), "checkup", "fulfilled"),
                new Appointment("ap-2", Instant.parse("2026-06-01T09:00:00Z"), "checkup", "cancelled"),
                new Appointment("ap-3", Instant.parse("2027-01-01T09:00:00Z"), "checkup", "booked")));
        assertThat(criteria.matches(seenLongAgo, TODAY, NOW)).isTrue();
        var seenRecently = born("1960-01-01", List.of(
                new Appointment("ap-4", Instant.parse("2026-11-01T09:00:00Z"), "checkup", "fulfilled")));
        assertThat(criteria.matches(seenRecently, TODAY, NOW)).isFalse();
        assertThat(criteria.matches(born("1960-01-01", List.of()), TODAY, NOW)).as("never seen").isTrue();
    }

    @Test
    void theCategoriesReadAreReported() {
        assertThat(new SegmentCriteria(50, null, null, null, "E11.9", null, null, null, null).phiUsed())
                .containsExactlyInAnyOrder(PhiCategory.DEMOGRAPHICS, PhiCategory.CONDITIONS);
        assertThat(new SegmentCriteria(null, null, null, null, null, "860975", "colorectal-screening",
                null, Instant.EPOCH).phiUsed()).containsExactlyInAnyOrder(PhiCategory.MEDICATIONS,
                PhiCategory.TREATMENT_HISTORY, PhiCategory.APPOINTMENTS);
    }
}
