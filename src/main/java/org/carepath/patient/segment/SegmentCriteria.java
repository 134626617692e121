package org.carepath.patient.segment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.carepath.compliance.PhiCategory;
import org.carepath.patient.Appointment;
import org.carepath.patient.CodedItem;
import org.carepath.patient.PatientDetails;

/**
 * Who is in a segment. Every criterion given must hold; an absent one does not filter. Codes compare
 * exactly (ICD-10, RxNorm, care-gap codes); the postal code by prefix.
 */
public record SegmentCriteria(Integer minAge, Integer maxAge, String sex, String postalCodePrefix,
                              String conditionCode, String medicationCode, String careGapCode,
                              Instant lastAppointmentBefore, Instant lastAppointmentAfter) {

    /**
     * The PHI categories a segment reads to choose its members: a campaign sent to it uses them, so its
     * decisions carry them in {@code phiUsed} and an authorization must describe them.
     */
    public Set<PhiCategory> phiUsed() {
        Set<PhiCategory> used = EnumSet.noneOf(PhiCategory.class);
        if (minAge != null || maxAge != null || sex != null || postalCodePrefix != null) {
            used.add(PhiCategory.DEMOGRAPHICS);
        }
        if (conditionCode != null) {
            used.add(PhiCategory.CONDITIONS);
        }
        if (medicationCode != null) {
            used.add(PhiCategory.MEDICATIONS);
        }
        if (careGapCode != null) {
            used.add(PhiCategory.TREATMENT_HISTORY);
        }
        if (lastAppointmentBefore != null || lastAppointmentAfter != null) {
            used.add(PhiCategory.APPOINTMENTS);
        }
        return used;
    }

    public boolean matches(PatientDetails p, LocalDate today, Instant now) {
        return ageMatches(p.birthDate(), today)
                && (sex == null || sex.equalsIgnoreCase(Objects.toString(p.sex(), "")))
                && (postalCodePrefix == null || p.postalCode() != null && p.postalCode().startsWith(postalCodePrefix))
                && (conditionCode == null || hasCode(p.clinical().conditions(), conditionCode))
                && (medicationCode == null || p.clinical().medications().stream()
                        .anyMatch(m -> medicationCode.equals(m.code())))
                && (careGapCode == null || hasCode(p.clinical().careGaps(), careGapCode))
                && lastAppointmentMatches(p, now);
    }

    private boolean ageMatches(LocalDate birthDate, LocalDate today) {
        if (minAge == null && maxAge == null) {
            return true;
        }
        if (birthDate == null) {
            return false;
        }
        int age = Period.between(birthDate, today).getYears();
        return (minAge == null || age >= minAge) && (maxAge == null || age <= maxAge);
    }

    private static boolean hasCode(java.util.List<CodedItem> items, String code) {
        return items.stream().anyMatch(i -> code.equals(i.code()));
    }

    private boolean lastAppointmentMatches(PatientDetails p, Instant now) {
        if (lastAppointmentBefore == null && lastAppointmentAfter == null) {
            return true;
        }
        Instant last = p.clinical().appointments().stream()
                .filter(a -> a.start() != null && !a.start().isAfter(now))
                .filter(a -> !"cancelled".equals(Objects.toString(a.status(), "").toLowerCase(Locale.ROOT)))
                .map(Appointment::start).max(Comparator.naturalOrder()).orElse(null);
        if (last == null) {
            // never seen: "no visit since" includes them, "seen since" does not
            return lastAppointmentAfter == null;
        }
        return (lastAppointmentBefore == null || last.isBefore(lastAppointmentBefore))
                && (lastAppointmentAfter == null || last.isAfter(lastAppointmentAfter));
    }
}
